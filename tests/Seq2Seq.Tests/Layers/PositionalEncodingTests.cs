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

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void ForwardAddsTheTableRowsFromStartToTheInput(int start)
    {
        // forward(x, s) = x + table[s .. s+T) for a random x, with the table computed here from the paper's formula
        // (sinusoidal) or read from the parameter (learned): a forward returning only the table, ignoring x's values,
        // or reading rows from 0 instead of s fails.
        const int B = 2, T = 5, D = 8, L = 20;
        torch.manual_seed(4);
        using var sinusoidal = new PositionalEncoding(D, L);
        using var learned = new LearnedPositionalEncoding(D, L);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(B, T, D);
        var formula = new float[T * D];
        for (int t = 0; t < T; t++)
            for (int i = 0; i < D / 2; i++)
            {
                double angle = (start + t) / Math.Pow(10000, 2.0 * i / D);
                (formula[t * D + 2 * i], formula[t * D + 2 * i + 1]) = ((float)Math.Sin(angle), (float)Math.Cos(angle));
            }
        var sinTable = torch.tensor(formula).reshape(1, T, D);                                       // [1, T, D]
        var learnedTable = learned.parameters().Single().narrow(0, start, T).detach().unsqueeze(0);  // [1, T, D]
        foreach (var (pe, table, name) in new[] { ((nn.Module<Tensor, long, Tensor>)sinusoidal, sinTable, "sinusoidal"), (learned, learnedTable, "learned") })
        {
            var expected = x + table;                                                               // [B, T, D]
            var actual = pe.forward(x, start);
            Assert.Equal(expected.shape, actual.shape);
            var delta = (expected - actual).abs().max().item<float>();
            Assert.True(delta < 1e-5, $"{name}, start {start}: max |Δ| = {delta}");
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
