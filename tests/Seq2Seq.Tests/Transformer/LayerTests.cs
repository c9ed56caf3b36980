using Seq2Seq.Attention;
using Seq2Seq.Transformer;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Transformer;

[Collection("Sequential")]
public sealed class LayerTests
{
    private const int B = 2, S = 6, T = 4, D = 16, H = 4, F = 32;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EncoderLayerAndStackKeepShapeAndReturnWeights(bool preNorm)
    {
        torch.manual_seed(0);
        using var layer = new EncoderLayer(D, H, F, 0.0, preNorm);
        using var encoder = new Encoder(3, D, H, F, 0.0, preNorm);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(B, S, D);
        var mask = Masks.Padding(torch.tensor(new long[,] { { 5, 5, 5, 5, 0, 0 }, { 5, 5, 5, 5, 5, 5 } }));
        var (output, weights) = layer.Forward(x, mask, needWeights: true);
        Assert.Equal(new long[] { B, S, D }, output.shape);
        Assert.Equal(new long[] { B, H, S, S }, weights!.shape);
        Assert.True(output.allclose(layer.forward(x, mask), atol: 1e-5));                             // fused path agrees
        var (memory, all) = encoder.Forward(x, mask, needWeights: true);
        Assert.Equal(new long[] { B, S, D }, memory.shape);
        Assert.Equal(3, all.Count);
        Assert.Equal(preNorm, encoder.state_dict().Keys.Any(k => k.StartsWith("norm.")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DecoderLayerStepsEqualTheFullCausalPass(bool preNorm)
    {
        torch.manual_seed(1);
        using var layer = new DecoderLayer(D, H, F, 0.0, preNorm);
        layer.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var (x, memory) = (torch.randn(B, T, D), torch.randn(B, S, D));
        var srcMask = Masks.Padding(torch.tensor(new long[,] { { 5, 5, 5, 0, 0, 0 }, { 5, 5, 5, 5, 5, 5 } }));
        var (full, selfWeights, crossWeights) = layer.Forward(x, memory, srcMask, Masks.Causal(T), needWeights: true);
        Assert.Equal(new long[] { B, T, D }, full.shape);
        Assert.Equal(new long[] { B, H, T, T }, selfWeights!.shape);
        Assert.Equal(new long[] { B, H, T, S }, crossWeights!.shape);
        var cache = layer.StartCache(memory);
        Assert.Null(cache.Self);
        for (int t = 0; t < T; t++)
        {
            (var step, cache) = layer.Step(x.narrow(1, t, 1), cache, srcMask);
            Assert.Equal(t + 1, cache.Self!.Length);
            Assert.True(full.narrow(1, t, 1).allclose(step, rtol: 0, atol: 1e-5), $"position {t}");
        }
    }

    [Fact]
    public void DecoderStackHasOneMapPerLayer()
    {
        torch.manual_seed(2);
        using var decoder = new Decoder(2, D, H, F, 0.1, preNorm: false);
        using var scope = torch.NewDisposeScope();
        var (output, self, cross) = decoder.Forward(torch.randn(B, T, D), torch.randn(B, S, D), null, Masks.Causal(T), needWeights: true);
        Assert.Equal(new long[] { B, T, D }, output.shape);
        Assert.Equal(2, self.Count);
        Assert.Equal(2, cross.Count);
        Assert.Equal(2, decoder.StartCaches(torch.randn(B, S, D)).Count);
    }
}
