using TorchSharp;
using static TorchSharp.torch;
using Sdpa = Seq2Seq.Attention.Attention;

namespace Seq2Seq.Tests.Attention;

[Collection("Sequential")]
public sealed class ScaledDotProductAttentionTests
{
    [Fact]
    public void MatchesHandComputedValues()
    {
        using var scope = torch.NewDisposeScope();
        var q = torch.tensor(new float[] { 1, 0 }, 1, 2);                 // [T=1, Dh=2]
        var k = torch.tensor(new float[] { 1, 0, 0, 1 }, 2, 2);           // [S=2, Dh=2]
        var v = torch.tensor(new float[] { 1, 2, 3, 4 }, 2, 2);           // [S=2, Dv=2]
        var (context, weights) = Sdpa.ScaledDotProduct(q, k, v);
        // scores = [1, 0] / √2 → softmax → w0 = e^(1/√2) / (e^(1/√2) + 1)
        double e = Math.Exp(1 / Math.Sqrt(2)), w0 = e / (e + 1), w1 = 1 - w0;
        var (w, c) = (weights.data<float>().ToArray(), context.data<float>().ToArray());
        Assert.Equal(w0, w[0], 1e-6);
        Assert.Equal(w1, w[1], 1e-6);
        Assert.Equal(w0 * 1 + w1 * 3, c[0], 1e-6);
        Assert.Equal(w0 * 2 + w1 * 4, c[1], 1e-6);
    }

    [Fact]
    public void MaskedKeysGetExactlyZeroWeightAndRowsSumToOne()
    {
        torch.manual_seed(0);
        using var scope = torch.NewDisposeScope();
        var (q, k, v) = (torch.randn(2, 3, 4, 8), torch.randn(2, 3, 5, 8), torch.randn(2, 3, 5, 8));   // [B, H, T|S, Dh]
        var mask = torch.tensor(new[] { true, true, true, false, false, true, true, true, true, false }).reshape(2, 1, 1, 5);
        var (_, weights) = Sdpa.ScaledDotProduct(q, k, v, mask);                                     // [B, H, T, S]
        Assert.Equal(0f, weights.masked_select(mask.logical_not().expand_as(weights)).abs().max().item<float>());
        Assert.True(weights.sum(-1).allclose(torch.ones(2, 3, 4), atol: 1e-6));
    }

    [Fact]
    public void ValuesAtMaskedPositionsDoNotMatter()
    {
        torch.manual_seed(0);
        using var scope = torch.NewDisposeScope();
        var (q, k, v) = (torch.randn(2, 4, 8), torch.randn(2, 5, 8), torch.randn(2, 5, 8));
        var mask = torch.tensor(new[] { true, true, false, false, false, true, true, true, true, false }).reshape(2, 1, 5);
        var (before, _) = Sdpa.ScaledDotProduct(q, k, v, mask);
        var noise = torch.randn(2, 5, 8) * 100 * mask.logical_not().reshape(2, 5, 1);
        var (after, _) = Sdpa.ScaledDotProduct(q, k + noise, v + noise, mask);
        Assert.True(before.allclose(after, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void FullyMaskedRowGivesZerosNotNaNInBothPasses()
    {
        torch.manual_seed(0);
        using var scope = torch.NewDisposeScope();
        var q = torch.randn(2, 3, 4, requires_grad: true);
        var (k, v) = (torch.randn(2, 5, 4), torch.randn(2, 5, 4));
        var mask = torch.ones(2, 1, 5, dtype: ScalarType.Bool);
        mask[1] = torch.tensor(false);                                                                // sentence 1: no key at all
        var (context, weights) = Sdpa.ScaledDotProduct(q, k, v, mask);
        Assert.Equal(0f, weights[1].abs().sum().item<float>());
        Assert.Equal(0f, context[1].abs().sum().item<float>());
        Assert.True(weights[0].sum(-1).allclose(torch.ones(3), atol: 1e-6));
        context.sum().backward();
        Assert.False(q.grad!.isnan().any().item<bool>());
    }

    [Fact]
    public void FusedKernelMatchesExplicitComputation()
    {
        torch.manual_seed(0);
        using var scope = torch.NewDisposeScope();
        var (q, k, v) = (torch.randn(2, 4, 6, 8), torch.randn(2, 4, 6, 8), torch.randn(2, 4, 6, 8));  // [B, H, T, Dh]
        var padding = Seq2Seq.Attention.Masks.Padding(torch.tensor(new long[,] { { 5, 6, 7, 8, 0, 0 }, { 5, 6, 7, 8, 9, 10 } }));
        var causal = Seq2Seq.Attention.Masks.Causal(6);
        var noKeys = padding.clone();
        noKeys[0] = torch.tensor(false);                                                             // sentence 0 sees no key
        foreach (var mask in new Tensor?[] { null, padding, causal, padding.logical_and(causal), noKeys })
        {
            var (expected, _) = Sdpa.ScaledDotProduct(q, k, v, mask);
            var actual = Sdpa.Fused(q, k, v, mask);
            Assert.True(expected.allclose(actual, rtol: 0, atol: 1e-5), $"max |Δ| = {(expected - actual).abs().max().item<float>()}");
        }
    }

    [Fact]
    public void NonBooleanMaskIsRejected()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(1, 2, 4);
        var e = Assert.Throws<ArgumentException>(() => Sdpa.ScaledDotProduct(x, x, x, torch.ones(1, 2, 2)));
        Assert.Contains("bool", e.Message);
    }
}
