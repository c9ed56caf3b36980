using Seq2Seq.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Layers;

[Collection("Sequential")]
public sealed class PositionalEncodingTests
{
    [Fact]
    public void SinusoidsFollowThePaperFormula()
    {
        const int D = 8;
        using var pe = new PositionalEncoding(D, 50);
        using var scope = torch.NewDisposeScope();
        var table = pe.forward(torch.zeros(1, 50, D), 0)[0];                                       // [L, D]
        foreach (var pos in new[] { 0, 1, 7, 49 })
            for (int i = 0; i < D / 2; i++)
            {
                double angle = pos / Math.Pow(10000, 2.0 * i / D);
                Assert.Equal(Math.Sin(angle), table[pos, 2 * i].item<float>(), 1e-5);
                Assert.Equal(Math.Cos(angle), table[pos, 2 * i + 1].item<float>(), 1e-5);
            }
        Assert.Equal(["pe"], pe.state_dict().Keys.ToArray());                                    // a buffer, computed once
    }

    [Fact]
    public void StartOffsetContinuesTheSequence()
    {
        torch.manual_seed(0);
        using var sinusoidal = new PositionalEncoding(8, 20);
        using var learned = new LearnedPositionalEncoding(8, 20);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(2, 6, 8);
        foreach (var pe in new nn.Module<Tensor, long, Tensor>[] { sinusoidal, learned })
        {
            var full = pe.forward(x, 0);
            Assert.Equal(new long[] { 2, 6, 8 }, full.shape);
            Assert.True(full.narrow(1, 4, 2).allclose(pe.forward(x.narrow(1, 4, 2), 4), atol: 1e-6));
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => pe.forward(x, 15));
            Assert.Contains("MaxLength", e.Message);
        }
    }

    [Fact]
    public void LearnedPositionsAreTrainableParameters()
    {
        using var learned = new LearnedPositionalEncoding(8, 20);
        Assert.Equal(new long[] { 20, 8 }, learned.parameters().Single().shape);
        Assert.Throws<ArgumentException>(() => new PositionalEncoding(7, 20));
    }
}
