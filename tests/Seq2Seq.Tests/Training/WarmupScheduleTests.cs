using Seq2Seq.Training;
using TorchSharp;

namespace Seq2Seq.Tests.Training;

[Collection("Sequential")]
public sealed class WarmupScheduleTests
{
    [Fact]
    public void NoamMatchesThePaperFormulaByHand()
    {
        var s = WarmupSchedule.Noam(dModel: 512, warmupSteps: 4000);
        // 512^-0.5 = 0.04419417; 4000^-1.5 = 3.952847e-6; 4000^-0.5 = 0.01581139.
        Assert.Equal(0.04419417 * 3.952847e-6, s.LearningRate(1), 12);
        Assert.Equal(0.04419417 * 100 * 3.952847e-6, s.LearningRate(100), 11);
        Assert.Equal(0.04419417 * 0.01581139, s.LearningRate(4000), 9);        // peak 6.988e-4
        Assert.Equal(0.04419417 * Math.Pow(16000, -0.5), s.LearningRate(16000), 9);
        Assert.Equal(s.LearningRate(1), s.LearningRate(0));                     // step 0 is treated as 1
        Assert.Equal(s.LearningRate(4000), s.Peak);
        Assert.Equal(2 * s.LearningRate(777), (s with { Rate = 2.0 }).LearningRate(777), 15);
    }

    [Fact]
    public void LinearWarmupThenInverseSqrtByHand()
    {
        var s = WarmupSchedule.LinearInverseSqrt(peak: 1e-3, warmupSteps: 100);
        Assert.Equal(1e-5, s.LearningRate(1), 15);
        Assert.Equal(5e-4, s.LearningRate(50), 15);
        Assert.Equal(1e-3, s.LearningRate(100), 15);
        Assert.Equal(5e-4, s.LearningRate(400), 15);     // 1e-3 · sqrt(100/400)
        Assert.Equal(1e-4, s.LearningRate(10000), 15);
        Assert.Equal(3e-4, WarmupSchedule.Constant(3e-4).LearningRate(123456));
    }

    [Fact]
    public void ApplySetsTheRateAdamActuallyUses()
    {
        // Adam's first update moves every weight by lr · sign(grad) (m/√v = ±1 after bias correction).
        torch.manual_seed(0);
        using var linear = torch.nn.Linear(3, 1);
        using var adam = torch.optim.Adam(linear.parameters(), lr: 123.0, eps: 1e-12);
        var schedule = WarmupSchedule.LinearInverseSqrt(peak: 0.01, warmupSteps: 10);
        Assert.Equal(0.002, schedule.Apply(adam, 2), 15);
        Assert.All(adam.ParamGroups, g => Assert.Equal(0.002, g.LearningRate, 15));
        using var scope = torch.NewDisposeScope();
        var before = linear.weight!.detach().clone();
        linear.forward(torch.ones(4, 3)).sum().backward();
        adam.step();
        var moved = (linear.weight!.detach() - before).abs();
        Assert.True(moved.sub(0.002).abs().max().item<float>() < 1e-6, moved.ToString(TorchSharp.TensorStringStyle.Julia));
    }

    [Fact]
    public void ValidateNamesTheBadField()
    {
        Assert.Contains("WarmupSteps", Assert.Throws<ArgumentException>(() => WarmupSchedule.Noam(512, 0).Validate()).Message);
        Assert.Contains("DModel", Assert.Throws<ArgumentException>(() => WarmupSchedule.Noam(0, 10).Validate()).Message);
        Assert.Contains("Rate", Assert.Throws<ArgumentException>(() => WarmupSchedule.Constant(-1).Validate()).Message);
    }

    [Fact]
    public void CooldownFallsLinearlyToZeroOverTheLastFractionOfTheRun()
    {
        var s = WarmupSchedule.LinearInverseSqrt(peak: 1e-3, warmupSteps: 100) with { Cooldown = 0.25 };
        Assert.Equal(s.LearningRate(400), s.LearningRate(400, progress: 0.75), 12);           // not yet cooling
        Assert.Equal(s.LearningRate(400) * 0.5, s.LearningRate(400, progress: 0.875), 12);    // halfway through the cooldown
        Assert.Equal(0, s.LearningRate(400, progress: 1.0), 12);
        Assert.Equal(s.LearningRate(400), (s with { Cooldown = 0 }).LearningRate(400, progress: 0.99), 12);
        Assert.Contains("Cooldown", Assert.Throws<ArgumentException>(() => (s with { Cooldown = 1.5 }).Validate()).Message);
    }
}
