using Seq2Seq.Decoding;
using Seq2Seq.Text;
using Seq2Seq.Transformer;
using TorchSharp;
using static TorchSharp.torch;

namespace Workbook.Bench;

/// <summary>Leak check: the number of live tensors on this thread before and after a long loop of training
/// steps and greedy decodes. With one dispose scope per iteration the two counts are equal.</summary>
internal static class MemoryBench
{
    public sealed record Result(long LiveBefore, long LiveAfter, int Iterations);

    public static Result Measure(TransformerModel model, BenchSettings s, Device device, CancellationToken cancel)
    {
        using var scope = torch.NewDisposeScope();
        var (src, tgtIn, tgtOut) = BenchData.TrainingBatch(s, seed: 5, device);
        var decodeSrc = src[..Math.Min(4, s.Batch)];
        using var optimizer = torch.optim.Adam(model.parameters(), lr: s.LearningRate);
        void Iteration()
        {
            using (var step = torch.NewDisposeScope())
            {
                model.train();
                optimizer.zero_grad();
                var logits = model.call(src, tgtIn);                                             // [B, T, V]
                nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), tgtOut.reshape(-1),
                    ignore_index: SpecialTokens.Pad).backward();
                optimizer.step();
            }
            model.eval();
            GreedySearch.Decode(model, decodeSrc, new DecodeOptions(s.DecodeMaxLength));
        }
        Iteration();   // creates the Adam state and the gradients, which rightly live on
        var stats = DisposeScopeManager.Statistics;
        long before = stats.ThreadTotalLiveCount;
        for (int i = 0; i < s.LeakIterations; i++) { cancel.ThrowIfCancellationRequested(); Iteration(); }
        return new Result(before, stats.ThreadTotalLiveCount, s.LeakIterations);
    }
}
