using Seq2Seq.Attention;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Attention;

[Collection("Sequential")]
public sealed class LuongAttentionTests
{
    private const long B = 2, T = 3, S = 4, Hd = 5;

    private static Tensor Mask() => tensor(new bool[,] { { true, true, true, true }, { true, true, false, false } });

    [Fact]
    public void DotScoreHasHandComputedWeights()
    {
        using var scope = NewDisposeScope();
        using var attention = new LuongAttention(LuongScore.Dot, 2, 2);
        var query = tensor(new float[] { 1, 0 }).reshape(1, 2);                 // [1, 2]
        var keys = tensor(new float[] { 1, 0, 0, 1, 2, 0 }).reshape(1, 3, 2);  // scores 1, 0, 2
        var (context, weights) = attention.forward(query, keys, keys, null);
        double z = Math.Exp(1) + Math.Exp(0) + Math.Exp(2);
        var expected = new[] { Math.Exp(1) / z, 1 / z, Math.Exp(2) / z };
        var actual = weights.data<float>().ToArray();
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], actual[i], 5);
        // context = Σ α k = (α0 + 2 α2, α1)
        Assert.Equal(expected[0] + 2 * expected[2], context[0, 0].item<float>(), 5);
        Assert.Equal(expected[1], context[0, 1].item<float>(), 5);
    }

    [Fact]
    public void GeneralWithIdentityMatrixEqualsDot()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        using var dot = new LuongAttention(LuongScore.Dot, Hd, Hd);
        using var general = new LuongAttention(LuongScore.General, Hd, Hd);
        using (no_grad()) general.named_parameters().Single().parameter.copy_(eye(Hd));
        var (q, k) = (randn(B, T, Hd), randn(B, S, Hd));
        var (c1, w1) = dot.forward(q, k, k, Mask());
        var (c2, w2) = general.forward(q, k, k, Mask());
        Assert.True(w1.allclose(w2, atol: 1e-6));
        Assert.True(c1.allclose(c2, atol: 1e-6));
    }

    [Theory]
    [InlineData(LuongScore.Dot)]
    [InlineData(LuongScore.General)]
    [InlineData(LuongScore.Concat)]
    public void EveryScoreGivesNormalisedMaskedWeights(LuongScore score)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var attention = new LuongAttention(score, Hd, Hd, attentionDim: 7);
        var (q, k, v) = (randn(B, T, Hd), randn(B, S, Hd), randn(B, S, 6));
        var mask = Mask();
        var (context, weights) = attention.forward(q, k, v, mask);
        Assert.Equal(new[] { B, T, 6L }, context.shape);
        Assert.Equal(new[] { B, T, S }, weights.shape);
        Assert.True(weights.sum(-1).allclose(ones(B, T), atol: 1e-6));
        Assert.Equal(0f, weights[1, .., 2..].abs().max().item<float>());
        var (c1, w1) = attention.forward(q[.., 1], k, v, mask);                 // one step = row 1 of all steps
        Assert.Equal(new[] { B, S }, w1.shape);
        Assert.True(w1.allclose(weights[.., 1], atol: 1e-6) && c1.allclose(context[.., 1], atol: 1e-6));
        var blocked = mask.logical_not().unsqueeze(-1);
        var (c2, _) = attention.forward(q, k.masked_fill(blocked, 99f), v.masked_fill(blocked, -99f), mask);
        Assert.True(c2.eq(context).all().item<bool>());
    }

    [Fact]
    public void ParametersMatchTheScore()
    {
        using var dot = new LuongAttention(LuongScore.Dot, Hd, Hd);
        using var general = new LuongAttention(LuongScore.General, Hd, 3);
        using var concat = new LuongAttention(LuongScore.Concat, Hd, 3, 7);
        Assert.Empty(dot.parameters());
        Assert.Equal(new long[] { 3, Hd }, general.named_parameters().Single().parameter.shape);
        Assert.Equal(new[] { "w_a.weight", "v.weight" }, concat.named_parameters().Select(p => p.name).ToArray());
        var e = Assert.Throws<ArgumentException>(() => new LuongAttention(LuongScore.Dot, Hd, 3));
        Assert.Contains("queryDim == keyDim", e.Message);
    }
}
