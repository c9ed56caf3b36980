using System.Diagnostics;
using Seq2Seq.Transformer;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Transformer;

/// <summary>A Tiny Transformer really learns: copy and reverse to ≥ 99% exact-match on fresh sentences.</summary>
[Collection("Sequential")]
public sealed class LearningTests(ITestOutputHelper output)
{
    private const int Vocab = 12, MinLength = 3, MaxLength = 8;

    [Theory]
    [InlineData("copy")]
    [InlineData("reverse")]
    public void TinyTransformerLearnsTheTask(string task)
    {
        Func<long[], long[]> transform = task == "copy" ? ToyTask.Copy : ToyTask.Reverse;
        using var oneThread = new SingleThread();
        torch.manual_seed(7);
        var data = new ToyTask(transform, Vocab, MinLength, MaxLength, seed: 11);
        using var model = new TransformerModel(TransformerConfig.Tiny.WithVocab(Vocab, Vocab));
        using var optimizer = optim.Adam(model.parameters(), lr: 3e-3);
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        int steps = 0;
        float loss = float.NaN;
        for (; steps < StepsBudget; steps++)
        {
            model.train();
            foreach (var group in optimizer.ParamGroups) group.LearningRate = LearningRate(steps);
            loss = ToyTask.TrainStep(model, optimizer, data.NextBatch(64));
            if (steps % 100 == 99) output.WriteLine($"{task} step {steps + 1}: loss {loss:F4} ({clock.Elapsed.TotalSeconds:F1} s)");
        }
        model.eval();
        var accuracy = new ToyTask(transform, Vocab, MinLength, MaxLength, seed: 12345).SequenceAccuracy(model, 500);
        output.WriteLine($"{task}: {steps} steps, final loss {loss:F4}, sequence accuracy {accuracy:P1}, {clock.Elapsed.TotalSeconds:F1} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s CPU");
        Assert.True(accuracy >= 0.99, $"{task}: sequence accuracy {accuracy:P1} after {steps} steps (loss {loss:F4})");
    }

    private const int StepsBudget = 500, WarmupSteps = 50;
    private const double PeakLearningRate = 3e-3;

    /// <summary>Linear warm-up, then linear decay to zero: stable with post-norm and converges in few steps.</summary>
    private static double LearningRate(int step) => step < WarmupSteps
        ? PeakLearningRate * (step + 1) / WarmupSteps
        : PeakLearningRate * (StepsBudget - step) / (StepsBudget - WarmupSteps);
}
