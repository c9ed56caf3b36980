using Seq2Seq.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Training;

[Collection("Sequential")]
public sealed class LabelSmoothingLossTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.3)]
    public void MatchesTorchCrossEntropyWithLabelSmoothingAndIgnoreIndex(double epsilon)
    {
        torch.manual_seed(1);
        using var scope = torch.NewDisposeScope();
        var logits = torch.randn(3, 5, 7) * 3;                                             // [B, T, V]
        var targets = torch.randint(1, 7, [3, 5], dtype: ScalarType.Int64);
        targets[0, 3] = 0; targets[0, 4] = 0; targets[2, 4] = 0;                            // padding
        using var loss = new LabelSmoothingLoss(epsilon);
        var ours = loss.forward(logits, targets).item<float>();
        var oracle = nn.functional.cross_entropy(logits.reshape(-1, 7), targets.reshape(-1),
            ignore_index: 0, label_smoothing: epsilon).item<float>();
        Assert.Equal(oracle, ours, 5);
    }

    [Fact]
    public void HandComputedValue()
    {
        // V = 2, logits (0, ln 3): p = (1/4, 3/4). Target 1, ε = 0.2:
        // 0.8 · (−ln 3/4) + 0.2 · ½ (−ln 1/4 − ln 3/4) = 0.8·0.287682 + 0.1·(1.386294 + 0.287682) = 0.397543.
        // A second, padded row must not change the mean.
        using var scope = torch.NewDisposeScope();
        var logits = torch.tensor(new float[] { 0f, MathF.Log(3f), 5f, -5f }, 2, 2);
        var targets = torch.tensor(new long[] { 1, 0 });
        using var loss = new LabelSmoothingLoss(0.2);
        Assert.Equal(0.397543, loss.forward(logits, targets).item<float>(), 5);
        var (sum, count) = loss.SumAndCount(logits, targets);
        Assert.Equal(1L, count.item<long>());
        Assert.Equal(0.397543, sum.item<float>(), 5);
    }

    [Fact]
    public void StaysFiniteForExtremeLogitsWhereProbabilitiesUnderflowToZero()
    {
        // exp(-1e4) is 0 in float32: a loss written as log(softmax) or KL(target || p) would give -inf/NaN here.
        using var scope = torch.NewDisposeScope();
        var logits = torch.tensor(new float[] { 1e4f, -1e4f, 0f, 0f, 0f, 0f }, 2, 3);
        var targets = torch.tensor(new long[] { 1, 2 });
        using var loss = new LabelSmoothingLoss(0.1);
        var value = loss.forward(logits, targets);
        Assert.True(float.IsFinite(value.item<float>()));
        var oracle = nn.functional.cross_entropy(logits, targets, label_smoothing: 0.1).item<float>();
        Assert.Equal(oracle, value.item<float>(), 1);
        // Gradients are finite too.
        var leaf = logits.clone().requires_grad_(true);
        loss.forward(leaf, targets).backward();
        Assert.True(leaf.grad!.isfinite().all().item<bool>());
    }

    [Fact]
    public void AllPaddingGivesZeroNotNaN()
    {
        using var scope = torch.NewDisposeScope();
        using var loss = new LabelSmoothingLoss(0.1);
        Assert.Equal(0f, loss.forward(torch.randn(2, 3, 4), torch.zeros(2, 3, dtype: ScalarType.Int64)).item<float>());
    }

    [Fact]
    public void RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LabelSmoothingLoss(1.0));
        using var scope = torch.NewDisposeScope();
        using var loss = new LabelSmoothingLoss();
        var e = Assert.Throws<ArgumentException>(() => loss.forward(torch.randn(2, 3, 4), torch.ones(2, 4, dtype: ScalarType.Int64)));
        Assert.Contains("[2, 3, 4]", e.Message);
        Assert.Contains("[2, 4]", e.Message);
    }
}
