using System.Diagnostics;
using Seq2Seq.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Workbook.Bench;

/// <summary>Training throughput of two models on the same fixed batch (Adam steps, warm-up excluded).
/// The two models' steps are interleaved — A B, B A, A B, ... — so both see the same machine conditions, and
/// each rate comes from its median step time: on a shared machine, load that drifts or bursts during the run then
/// moves the ratio far less than timing one model after the other (measured: sequential runs gave ratios from
/// 0.92 to 1.13 for the same code on an otherwise idle machine).</summary>
internal static class TrainingBench
{
    /// <summary>Target tokens per second at the median step time, total timed seconds, and the loss of the first
    /// and last timed step.</summary>
    public sealed record Result(double TokensPerSecond, double Seconds, float FirstLoss, float LastLoss);

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
            var clock = Stopwatch.StartNew();
            losses.Add(Step(src, tgtIn, tgtOut));
            stepSeconds.Add(clock.Elapsed.TotalSeconds);
        }

        public Result Result(long tokensPerStep)
        {
            var sorted = stepSeconds.Order().ToList();
            int n = sorted.Count;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            return new Result(tokensPerStep / median, sorted.Sum(), losses[0], losses[^1]);
        }

        public void Dispose() => optimizer.Dispose();
    }
}
