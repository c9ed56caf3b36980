using System.Diagnostics;
using Seq2Seq.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Workbook.Bench;

/// <summary>Training throughput of one model: Adam steps on a fixed batch, warm-up excluded from the clock.
/// Each step is timed on its own and the rate comes from the median step: on a shared machine a burst of load
/// during one step then moves the result far less than it moves the mean.</summary>
internal static class TrainingBench
{
    /// <summary>Target tokens per second at the median step time, total timed seconds, and the loss of the first
    /// and last timed step.</summary>
    public sealed record Result(double TokensPerSecond, double Seconds, float FirstLoss, float LastLoss);

    public static Result Measure(nn.Module<Tensor, Tensor, Tensor> model, BenchSettings s, Device device, CancellationToken cancel)
    {
        using var scope = torch.NewDisposeScope();
        var (src, tgtIn, tgtOut) = BenchData.TrainingBatch(s, seed: 1, device);
        using var optimizer = torch.optim.Adam(model.parameters(), lr: s.LearningRate);
        model.train();
        float Step()
        {
            using var step = torch.NewDisposeScope();
            optimizer.zero_grad();
            var logits = model.call(src, tgtIn);                                                 // [B, T, V]
            var loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[2]), tgtOut.reshape(-1),
                ignore_index: SpecialTokens.Pad);
            loss.backward();
            optimizer.step();
            return loss.item<float>();
        }
        for (int i = 0; i < s.WarmupSteps; i++) { cancel.ThrowIfCancellationRequested(); Step(); }
        var losses = new List<float>();
        var stepSeconds = new List<double>();
        for (int i = 0; i < s.TimedSteps; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            losses.Add(Step());
            stepSeconds.Add(clock.Elapsed.TotalSeconds);
        }
        stepSeconds.Sort();
        int n = stepSeconds.Count;
        double median = n % 2 == 1 ? stepSeconds[n / 2] : (stepSeconds[n / 2 - 1] + stepSeconds[n / 2]) / 2;
        return new Result(tgtOut.numel() / median, stepSeconds.Sum(), losses[0], losses[^1]);
    }
}
