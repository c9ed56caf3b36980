using TorchSharp;

namespace Seq2Seq.Tests;

/// <summary>Runs libtorch on one thread for the duration of a test (tiny tensors gain nothing from more, and the
/// budget is stated per core), restoring the previous count afterwards.</summary>
internal sealed class SingleThread : IDisposable
{
    private readonly int previous = torch.get_num_threads();

    public SingleThread() => torch.set_num_threads(1);

    public void Dispose() => torch.set_num_threads(previous);
}
