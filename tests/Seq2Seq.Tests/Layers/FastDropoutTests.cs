using Seq2Seq.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Layers;

[Collection("Sequential")]
public sealed class FastDropoutTests
{
    [Fact]
    public void TrainingZeroesOrScalesEachElementAndTheGradientFollowsTheMask()
    {
        torch.manual_seed(3);
        using var dropout = new FastDropout(0.25);
        using var scope = torch.NewDisposeScope();
        var x = torch.rand(64, 50, 32).add_(0.5).requires_grad_(true);   // no zeros in x
        var y = dropout.forward(x);
        var kept = y.ne(0);
        double keptRate = kept.to_type(ScalarType.Float64).mean().item<double>();
        Assert.InRange(keptRate, 0.75 - 0.01, 0.75 + 0.01);
        Assert.True(y.masked_select(kept).allclose(x.detach().masked_select(kept) / 0.75, rtol: 1e-4), "kept values not scaled by 1/(1-p)");
        y.sum().backward();
        var expectedGrad = kept.to_type(ScalarType.Float32) / 0.75f;
        Assert.True(x.grad!.allclose(expectedGrad, rtol: 1e-4), "the gradient is not the mask");
    }

    [Fact]
    public void EvaluationAndZeroProbabilityAreTheIdentity()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(4, 5);
        using var off = new FastDropout(0.0);
        Assert.True(off.forward(x).eq(x).all().item<bool>());
        using var evaluating = new FastDropout(0.5);
        evaluating.eval();
        Assert.True(evaluating.forward(x).eq(x).all().item<bool>());
    }

    [Fact]
    public void ProbabilityOneDropsEverythingWithAZeroGradient()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(4, 5).requires_grad_(true);
        var y = FastDropout.Apply(x, 1.0, training: true);
        Assert.True(y.eq(0).all().item<bool>());
        y.sum().backward();
        Assert.True(x.grad!.eq(0).all().item<bool>());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FastDropout(1.5));
    }

    [Fact]
    public void OtherTypesUseLibtorchDropoutWithTheSameContract()
    {
        torch.manual_seed(4);
        using var scope = torch.NewDisposeScope();
        var x = torch.ones(100_000, dtype: ScalarType.Float64);
        var y = FastDropout.Apply(x, 0.2, training: true);
        Assert.Equal(ScalarType.Float64, y.dtype);
        Assert.True(y.eq(0).logical_or(y.isclose(torch.tensor(1.25, ScalarType.Float64))).all().item<bool>());
        Assert.InRange(y.eq(0).to_type(ScalarType.Float64).mean().item<double>(), 0.2 - 0.01, 0.2 + 0.01);
    }

    [Fact]
    public void ViewsAndEmptyTensorsKeepTheirShapeAndValues()
    {
        torch.manual_seed(6);
        using var scope = torch.NewDisposeScope();
        var x = torch.rand(30, 40).add_(0.5).t();                           // non-contiguous [40, 30]
        var y = FastDropout.Apply(x, 0.5, training: true);
        Assert.Equal(new long[] { 40, 30 }, y.shape);
        var kept = y.ne(0);
        Assert.True(y.masked_select(kept).allclose(x.masked_select(kept) * 2), "a kept element moved or was not scaled");
        var empty = FastDropout.Apply(torch.empty(0, 8), 0.5, training: true);
        Assert.Equal(new long[] { 0, 8 }, empty.shape);
    }

    [Fact]
    public void LeavesNoTensorsBehind()
    {
        using var dropout = new FastDropout(0.1);
        using var x = torch.randn(32, 16);
        var stats = DisposeScopeManager.Statistics;
        stats.Reset();
        long before = stats.ThreadTotalLiveCount;
        for (int i = 0; i < 20; i++)
        {
            using var step = torch.NewDisposeScope();
            dropout.forward(x).sum().item<float>();
        }
        Assert.Equal(before, stats.ThreadTotalLiveCount);
    }
}
