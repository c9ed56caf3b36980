using Seq2Seq.Attention;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Attention;

[Collection("Sequential")]
public sealed class AdditiveAttentionTests
{
    private const long B = 3, T = 4, S = 5, Hd = 6, Dk = 7, A = 8;

    private static Tensor Mask() => tensor(new bool[,] {
        { true, true, true, true, true }, { true, true, true, false, false }, { true, false, false, false, false } });

    [Fact]
    public void ShapesForOneStepAndForAllSteps()
    {
        using var scope = NewDisposeScope();
        manual_seed(0);
        using var attention = new AdditiveAttention(Hd, Dk, A);
        var keys = randn(B, S, Dk);
        var projected = attention.ProjectKeys(keys);
        Assert.Equal(new[] { B, S, A }, projected.shape);
        var (c1, w1) = attention.forward(randn(B, Hd), projected, keys, Mask());
        Assert.Equal(new[] { B, Dk }, c1.shape);
        Assert.Equal(new[] { B, S }, w1.shape);
        var (cT, wT) = attention.forward(randn(B, T, Hd), projected, keys, Mask());
        Assert.Equal(new[] { B, T, Dk }, cT.shape);
        Assert.Equal(new[] { B, T, S }, wT.shape);
    }

    [Fact]
    public void MatchesTheFormulaWrittenOutWithItsOwnParameters()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        using var attention = new AdditiveAttention(Hd, Dk, A);
        var p = attention.named_parameters().ToDictionary(x => x.name, x => (Tensor)x.parameter);
        Assert.Equal(new[] { "w_q.weight", "w_k.weight", "v.weight" }, p.Keys.ToArray());   // state_dict keys
        var (q, k, values) = (randn(B, T, Hd), randn(B, S, Dk), randn(B, S, Dk));
        var (context, weights) = attention.Attend(q, k, values, null);
        using var noGrad = no_grad();
        // e[b,t,s] = v · tanh(W_q q[b,t] + W_k k[b,s]), element by element
        var expected = zeros(B, T, S);
        for (int b = 0; b < B; b++)
            for (int t = 0; t < T; t++)
                for (int s = 0; s < S; s++)
                {
                    var hidden = (p["w_q.weight"].matmul(q[b, t]) + p["w_k.weight"].matmul(k[b, s])).tanh();
                    expected[b, t, s] = p["v.weight"].matmul(hidden).squeeze();
                }
        var expectedWeights = expected.softmax(-1);
        Assert.True(weights.allclose(expectedWeights, rtol: 1e-5, atol: 1e-6));
        Assert.True(context.allclose(expectedWeights.bmm(values), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void PaddedKeysGetExactlyZeroWeightAndCannotChangeTheContext()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        using var attention = new AdditiveAttention(Hd, Dk, A);
        var (q, k, values, mask) = (randn(B, T, Hd), randn(B, S, Dk), randn(B, S, Dk), Mask());
        var (context, weights) = attention.Attend(q, k, values, mask);
        Assert.Equal(0f, weights.masked_select(mask.logical_not().unsqueeze(1).expand(B, T, S)).abs().max().item<float>());
        Assert.True(weights.sum(-1).allclose(ones(B, T), atol: 1e-6));
        // Garbage at padded positions, in keys and values alike, changes nothing.
        var blocked = mask.logical_not().unsqueeze(-1);                         // [B, S, 1]
        var (k2, v2) = (k.masked_fill(blocked, 1e4f), values.masked_fill(blocked, -1e4f));
        var (context2, weights2) = attention.Attend(q, k2, v2, mask);
        Assert.True(context2.eq(context).all().item<bool>());
        Assert.True(weights2.eq(weights).all().item<bool>());
    }

    [Fact]
    public void OneStepEqualsTheMatchingRowOfAllSteps()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        using var attention = new AdditiveAttention(Hd, Dk, A);
        var (q, k) = (randn(B, T, Hd), randn(B, S, Dk));
        var (cAll, wAll) = attention.Attend(q, k, k, Mask());
        var (c2, w2) = attention.Attend(q[.., 2], k, k, Mask());
        Assert.True(c2.allclose(cAll[.., 2], atol: 1e-6));
        Assert.True(w2.allclose(wAll[.., 2], atol: 1e-6));
    }

    [Fact]
    public void BadInputsNameTheProblem()
    {
        using var scope = NewDisposeScope();
        using var attention = new AdditiveAttention(Hd, Dk, A);
        var k = randn(B, S, Dk);
        var e1 = Assert.Throws<ArgumentException>(() => attention.Attend(randn(B, Hd), k, k, ones(B, S, dtype: ScalarType.Int64)));
        Assert.Contains("bool", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => attention.ProjectKeys(randn(B, S, Dk + 1)));
        Assert.Contains($"[B, S, {Dk}]", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => attention.Attend(randn(Hd), k, k, null));
        Assert.Contains("query", e3.Message);
        Assert.Throws<ArgumentException>(() => attention.Attend(randn(B, Hd), k, k, ones(B, S + 1, dtype: ScalarType.Bool)));
    }
}
