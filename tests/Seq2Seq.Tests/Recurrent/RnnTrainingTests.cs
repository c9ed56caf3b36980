using System.Diagnostics;
using Seq2Seq.Attention;
using Seq2Seq.Recurrent;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Recurrent;

[Collection("Sequential")]
public sealed class RnnTrainingTests(ITestOutputHelper output)
{
    private static (RnnSeq2Seq Model, optim.Optimizer Optimizer) Build(RnnConfig config, double lr = 3e-3)
    {
        torch.manual_seed(1);
        var model = new RnnSeq2Seq(config, ToyTask.Vocab, ToyTask.Vocab);
        return (model, optim.Adam(model.parameters(), lr));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BahdanauGruLearnsReverseAndCopy(bool reverse)
    {
        var (model, optimizer) = Build(RnnConfig.Tiny);
        using var _m = model;
        var rng = new Random(reverse ? 7 : 8);
        var clock = Stopwatch.StartNew();
        int steps = 0;
        double accuracy = 0;
        var test = ToyTask.Make(new Random(99), 500, reverse);
        while (steps < 1500)
        {
            for (int i = 0; i < 100; i++, steps++) ToyTask.TrainStep(model, optimizer, ToyTask.Make(rng, 64, reverse));
            accuracy = ToyTask.SequenceAccuracy(model, test);
            if (accuracy >= 0.995) break;
        }
        output.WriteLine($"{(reverse ? "reverse" : "copy")}: {accuracy:P1} sequence accuracy on 500 held-out sentences after {steps} steps, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(accuracy >= 0.99, $"sequence accuracy {accuracy:P1} after {steps} steps");
    }
}
