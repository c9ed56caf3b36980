using System.Diagnostics;
using Seq2Seq.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Workbook.Bench;

/// <summary>Training throughput of two models on the same fixed batch (Adam steps, warm-up excluded).
/// The two models' steps are interleaved — A B, B A, A B, ... — so both see the same machine conditions; each
/// rate comes from its median step time, and the speed ratio from the median of the per-pair ratios (pair i = the
/// i-th step of each model, run back to back), which cancels load that drifts during the run. Measured: sequential
/// runs gave ratios from 0.92 to 1.13 for the same code on an otherwise idle machine.</summary>
internal static class TrainingBench
{
    /// <summary>Target tokens per second at the median step time, total timed seconds, the loss of the first
    /// and last timed step, the median minor page faults per step (fresh memory pages the process touched; -1 where
    /// the OS doesn't say) and every timed step's seconds.</summary>
    public sealed record Result(double TokensPerSecond, double Seconds, float FirstLoss, float LastLoss,
        double MinorFaultsPerStep, IReadOnlyList<double> StepSeconds);

    /// <summary>Per-pair speed ratios first/second (second's step time over first's): median and quartiles.</summary>
    public static (double Median, double Q1, double Q3) PairedRatio(Result first, Result second)
    {
        var ratios = first.StepSeconds.Zip(second.StepSeconds, (a, b) => b / a).Order().ToList();
        return (Quantile(ratios, 0.5), Quantile(ratios, 0.25), Quantile(ratios, 0.75));
    }

    /// <summary>Linear-interpolated quantile of sorted values.</summary>
    internal static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        double position = q * (sorted.Count - 1);
        int low = (int)Math.Floor(position), high = (int)Math.Ceiling(position);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }

    public static (Result First, Result Second) MeasurePair(nn.Module<Tensor, Tensor, Tensor> first,
        nn.Module<Tensor, Tensor, Tensor> second, BenchSettings s, Device device, CancellationToken cancel)
    {
        using var scope = torch.NewDisposeScope();
        var (src, tgtIn, tgtOut) = BenchData.TrainingBatch(s, seed: 1, device);
        using var a = new Trainee(first, s.LearningRate);
        using var b = new Trainee(second, s.LearningRate);
        for (int i = 0; i < s.WarmupSteps; i++)
        {
            cancel.ThrowIfCancellationRequested();
            a.Step(src, tgtIn, tgtOut);
            b.Step(src, tgtIn, tgtOut);
        }
        for (int i = 0; i < s.TimedSteps; i++)
        {
            cancel.ThrowIfCancellationRequested();
            var (x, y) = i % 2 == 0 ? (a, b) : (b, a);
            x.TimedStep(src, tgtIn, tgtOut);
            y.TimedStep(src, tgtIn, tgtOut);
        }
        return (a.Result(tgtOut.numel()), b.Result(tgtOut.numel()));
    }

    /// <summary>One model with its own optimizer, its timed steps and losses.</summary>
    private sealed class Trainee : IDisposable
    {
        private readonly nn.Module<Tensor, Tensor, Tensor> model;
        private readonly optim.Optimizer optimizer;
        private readonly List<double> stepSeconds = new();
        private readonly List<float> losses = new();
        private readonly List<double> stepFaults = new();

        public Trainee(nn.Module<Tensor, Tensor, Tensor> model, double learningRate)
        {
            this.model = model;
            optimizer = torch.optim.Adam(model.parameters(), lr: learningRate);
            model.train();
        }

        public float Step(Tensor src, Tensor tgtIn, Tensor tgtOut)
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

        public void TimedStep(Tensor src, Tensor tgtIn, Tensor tgtOut)
        {
            long faults = MachineProbe.MinorPageFaults();
            var clock = Stopwatch.StartNew();
            losses.Add(Step(src, tgtIn, tgtOut));
            stepSeconds.Add(clock.Elapsed.TotalSeconds);
            if (faults >= 0) stepFaults.Add(MachineProbe.MinorPageFaults() - faults);
        }

        public Result Result(long tokensPerStep)
        {
            double median = Quantile(stepSeconds.Order().ToList(), 0.5);
            double faults = stepFaults.Count == 0 ? -1 : Quantile(stepFaults.Order().ToList(), 0.5);
            return new Result(tokensPerStep / median, stepSeconds.Sum(), losses[0], losses[^1], faults, stepSeconds.ToList());
        }

        public void Dispose() => optimizer.Dispose();
    }
}
