using Seq2Seq.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Layers;

[Collection("Sequential")]
public sealed class ResidualNormTests
{
    private static Tensor Sublayer(Tensor x) => x.tanh() * 3;

    /// <summary>LayerNorm with unit gain and zero bias, written out: (x − mean) / √(var + 1e-5) over the last axis.</summary>
    internal static Tensor Normalise(Tensor x) =>
        (x - x.mean([-1L], keepdim: true)) / (x.var(-1, unbiased: false, keepdim: true) + 1e-5).sqrt();

    [Fact]
    public void PostNormIsLayerNormOfTheSum()
    {
        torch.manual_seed(0);
        using var residual = new ResidualNorm(8, 0.0, preNorm: false);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(2, 3, 8);
        Assert.True(residual.forward(x, Sublayer).allclose(Normalise(x + Sublayer(x)), atol: 1e-5));
    }

    [Fact]
    public void PreNormAddsTheSublayerOfTheNormalisedInput()
    {
        torch.manual_seed(0);
        using var residual = new ResidualNorm(8, 0.0, preNorm: true);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(2, 3, 8);
        Assert.True(residual.forward(x, Sublayer).allclose(x + Sublayer(Normalise(x)), atol: 1e-5));
    }
}
