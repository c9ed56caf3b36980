using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Training;

/// <summary>Checkpoint averaging: the element-wise mean of the weights saved in several checkpoints of one run
/// (Vaswani et al. 2017 §6.1 average the last 5 or 20; the Multi30k "Transformer-tiny" recipes the last 10).
/// Late checkpoints of a run sit around a minimum the noisy optimizer keeps circling; their mean lies closer to
/// it than any one of them. Floating-point entries are averaged in float64; any other entry is taken from the last file.</summary>
public static class CheckpointAverage
{
    /// <summary>Loads the mean of the weights in <paramref name="paths"/> into <paramref name="model"/> (in place;
    /// every file is checked against the model as <see cref="Checkpoint.LoadModel"/> does).</summary>
    public static void Into(nn.Module model, IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) throw new ArgumentException("there is no checkpoint to average.", nameof(paths));
        var target = model.state_dict();
        var sums = new Dictionary<string, Tensor>();
        try
        {
            using var noGrad = torch.no_grad();
            foreach (var path in paths)
            {
                Checkpoint.Read(path).LoadModel(model);
                foreach (var (name, tensor) in target)
                    if (tensor.is_floating_point())
                    {
                        if (!sums.TryGetValue(name, out var sum)) sums[name] = sum = torch.zeros_like(tensor, dtype: ScalarType.Float64);
                        sum.add_(tensor);
                    }
            }
            foreach (var (name, sum) in sums) target[name].copy_(sum.div_(paths.Count));
        }
        finally
        {
            foreach (var sum in sums.Values) sum.Dispose();
        }
    }
}
