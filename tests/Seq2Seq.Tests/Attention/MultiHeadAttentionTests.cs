using Seq2Seq.Attention;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Attention;

[Collection("Sequential")]
public sealed class MultiHeadAttentionTests
{
    private const int B = 3, T = 5, S = 7, D = 16, H = 4;

    [Fact]
    public void ShapesAndStateDictKeys()
    {
        torch.manual_seed(0);
        using var mha = new MultiHeadAttention(D, H);
        using var scope = torch.NewDisposeScope();
        var (output, weights) = mha.forward(torch.randn(B, T, D), torch.randn(B, S, D), torch.randn(B, S, D), null);
        Assert.Equal(new long[] { B, T, D }, output.shape);
        Assert.Equal(new long[] { B, H, T, S }, weights.shape);
        Assert.Equal(["w_q.weight", "w_q.bias", "w_k.weight", "w_k.bias", "w_v.weight", "w_v.bias", "w_o.weight", "w_o.bias"],
            mha.state_dict().Keys.ToArray());
        Assert.Throws<ArgumentException>(() => new MultiHeadAttention(10, 4));
        // A one-sentence query against a three-sentence memory would broadcast; it is rejected with both shapes.
        var e = Assert.Throws<ArgumentException>(() => mha.forward(torch.randn(1, T, D), torch.randn(B, S, D), torch.randn(B, S, D), null));
        Assert.Contains($"MultiHeadAttention query: expected [B={B}, T, D={D}], got [1, {T}, {D}]", e.Message);
    }

    [Fact]
    public void FusedSelfAttentionProjectionEqualsSeparateProjections()
    {
        // Forward(x, x, x) runs W^Q, W^K, W^V as one [3D, D] product (and Project(m, m) runs W^K, W^V as one);
        // distinct (cloned) inputs take the three separate products. Both must give the same numbers.
        torch.manual_seed(1);
        using var mha = new MultiHeadAttention(D, H);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(B, T, D);
        var mask = Masks.Causal(T);
        foreach (var needWeights in new[] { false, true })
        {
            var (fused, fusedWeights) = mha.Forward(x, x, x, mask, needWeights);
            var (separate, separateWeights) = mha.Forward(x, x.clone(), x.clone(), mask, needWeights);
            Assert.True(fused.allclose(separate, rtol: 1e-5, atol: 1e-6), $"outputs differ (needWeights {needWeights})");
            if (needWeights) Assert.True(fusedWeights!.allclose(separateWeights!, rtol: 1e-5, atol: 1e-6));
        }
        var memory = torch.randn(B, S, D);
        var together = mha.Project(memory, memory);
        var apart = mha.Project(memory, memory.clone());
        Assert.True(together.Keys.allclose(apart.Keys, rtol: 1e-5, atol: 1e-6));
        Assert.True(together.Values.allclose(apart.Values, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void TrainingDropoutActsOnTheWeightsWhetherOrNotTheyAreReturned()
    {
        // With dropout in training both paths run the explicit attention with FastDropout on the weights (libtorch's
        // fused kernel would use its own, slower dropout): the same seed must give the same output.
        torch.manual_seed(2);
        using var mha = new MultiHeadAttention(D, H, dropout: 0.3);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(B, T, D);
        var mask = Masks.Causal(T);
        torch.manual_seed(9);
        var (withoutWeights, none) = mha.Forward(x, x, x, mask, needWeights: false);
        torch.manual_seed(9);
        var (withWeights, weights) = mha.Forward(x, x, x, mask, needWeights: true);
        Assert.Null(none);
        Assert.True(withoutWeights.allclose(withWeights, rtol: 1e-5, atol: 1e-6));
        Assert.True(weights!.sum(-1).allclose(torch.ones(B, H, T)), "returned weights are the softmax before dropout");
        mha.eval();
        Assert.False(mha.Forward(x, x, x, mask, needWeights: false).Output.allclose(withoutWeights, rtol: 1e-3, atol: 1e-4),
            "dropout changed nothing in training");
    }

    [Fact]
    public void DropoutWhereFastDropoutDoesNotApplyRunsInsideTheFusedKernel()
    {
        // float64 stands in for CUDA: DropoutNoise does not serve it, so libtorch's kernel drops the weights itself.
        torch.manual_seed(3);
        using var mha = new MultiHeadAttention(D, H, dropout: 0.5);
        mha.to(ScalarType.Float64);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(B, T, D, dtype: ScalarType.Float64);
        var (dropped, weights) = mha.Forward(x, x, x, null, needWeights: false);
        Assert.Null(weights);
        Assert.Equal(ScalarType.Float64, dropped.dtype);
        mha.eval();
        var evaluated = mha.Forward(x, x, x, null, needWeights: false).Output;
        Assert.False(evaluated.allclose(dropped, rtol: 1e-3, atol: 1e-4), "dropout changed nothing in training");
        // In evaluation the fused kernel must get p = 0: the same output every time, equal to the explicit path's.
        Assert.True(evaluated.eq(mha.Forward(x, x, x, null, needWeights: false).Output).all().item<bool>(), "evaluation is not deterministic");
        Assert.True(mha.Forward(x, x, x, null, needWeights: true).Output.allclose(evaluated, rtol: 0, atol: 1e-10), "fused vs explicit in evaluation");
    }

    [Fact]
    public void MatchesTorchBuiltInMultiheadAttentionWithPaddingMask()
    {
        torch.manual_seed(1);
        using var ours = new MultiHeadAttention(D, H);
        using var builtIn = nn.MultiheadAttention(D, H);
        CopyWeights(builtIn, ours);
        ours.eval(); builtIn.eval();
        using var scope = torch.NewDisposeScope();
        var (q, kv) = (torch.randn(B, T, D), torch.randn(B, S, D));
        var ids = torch.tensor(new long[,] { { 5, 5, 5, 5, 5, 5, 5 }, { 5, 5, 5, 0, 0, 0, 0 }, { 5, 0, 0, 0, 0, 0, 0 } });
        var mayAttend = Masks.Padding(ids);                                                     // [B, 1, 1, S]

        var (output, weights) = ours.forward(q, kv, kv, mayAttend);
        // Built-in: sequence-first [S, N, E]; key_padding_mask [N, S] with the opposite polarity (true = ignore).
        var (refOut, refWeights) = builtIn.call(q.transpose(0, 1), kv.transpose(0, 1), kv.transpose(0, 1),
            key_padding_mask: Masks.ToIgnoreMask(mayAttend.reshape(B, S)), need_weights: true);
        AssertClose(refOut.transpose(0, 1), output, "output");
        AssertClose(refWeights, weights.mean([1L]), "head-averaged weights");                    // built-in averages heads
        AssertClose(output, ours.Forward(q, kv, kv, mayAttend, needWeights: false).Output, "fused path");
    }

    [Fact]
    public void MatchesTorchBuiltInMultiheadAttentionWithCausalMask()
    {
        torch.manual_seed(2);
        using var ours = new MultiHeadAttention(D, H);
        using var builtIn = nn.MultiheadAttention(D, H);
        CopyWeights(builtIn, ours);
        ours.eval(); builtIn.eval();
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(B, T, D);
        var causal = Masks.Causal(T);                                                            // [1, 1, T, T]
        var (output, _) = ours.forward(x, x, x, causal);
        var xs = x.transpose(0, 1);                                                              // [T, B, D]
        // Built-in attn_mask must be additive float here (0 = attend, -inf = blocked): measured on TorchSharp 0.107,
        // a bool attn_mask is added as 0/1 instead of blocking (output equals that of the float 0/1 mask).
        var additive = Masks.ToAdditive(causal.reshape(T, T));
        Assert.Equal(new[] { 0f, float.NegativeInfinity }, additive[0].narrow(0, 0, 2).data<float>().ToArray());
        var (refOut, _) = builtIn.call(xs, xs, xs, attn_mask: additive, need_weights: false);
        var (boolOut, _) = builtIn.call(xs, xs, xs, attn_mask: Masks.ToIgnoreMask(causal.reshape(T, T)), need_weights: false);
        var (zeroOneOut, _) = builtIn.call(xs, xs, xs, attn_mask: Masks.ToIgnoreMask(causal.reshape(T, T)).to_type(ScalarType.Float32), need_weights: false);
        AssertClose(zeroOneOut, boolOut, "built-in bool attn_mask behaves as an additive 0/1 mask");
        AssertClose(refOut.transpose(0, 1), output, "causal self-attention");
    }

    [Fact]
    public void DistinctQueryKeyAndValueMatchTheBuiltInModule()
    {
        // Keys and values from different tensors (the other oracle tests attend over one memory): values must come
        // from W^V·value, never from the keys, on the explicit and the fused path.
        torch.manual_seed(4);
        using var ours = new MultiHeadAttention(D, H);
        using var builtIn = nn.MultiheadAttention(D, H);
        CopyWeights(builtIn, ours);
        ours.eval(); builtIn.eval();
        using var scope = torch.NewDisposeScope();
        var (q, k, v) = (torch.randn(B, T, D), torch.randn(B, S, D), torch.randn(B, S, D) * 3);
        var (refOut, _) = builtIn.call(q.transpose(0, 1), k.transpose(0, 1), v.transpose(0, 1), need_weights: false);
        AssertClose(refOut.transpose(0, 1), ours.forward(q, k, v, null).Output, "explicit path");
        AssertClose(refOut.transpose(0, 1), ours.Forward(q, k, v, null, needWeights: false).Output, "fused path");
        // Query and key the same tensor, the value another: the fused self-attention product must not be taken.
        var (refSelfKey, _) = builtIn.call(k.transpose(0, 1), k.transpose(0, 1), v.transpose(0, 1), need_weights: false);
        AssertClose(refSelfKey.transpose(0, 1), ours.Forward(k, k, v, null, needWeights: false).Output, "query = key, other value");
        var projected = ours.Project(k, v);
        var together = ours.Project(v, v);                                                       // one product for W^K, W^V of v
        AssertClose(together.Values, projected.Values, "W^V of the values");
    }

    [Fact]
    public void IncrementalKeyValueCacheEqualsFullCausalAttention()
    {
        torch.manual_seed(3);
        using var mha = new MultiHeadAttention(D, H);
        mha.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(B, T, D);
        var (full, _) = mha.forward(x, x, x, Masks.Causal(T));
        KeyValueCache? cache = null;
        for (int t = 0; t < T; t++)
        {
            var xt = x.narrow(1, t, 1);                                                           // [B, 1, D]
            var current = mha.Project(xt, xt);
            cache = cache is null ? current : cache.Append(current);
            Assert.Equal(t + 1, cache.Length);
            var (step, _) = mha.AttendTo(xt, cache, null, needWeights: false);
            AssertClose(full.narrow(1, t, 1), step, $"position {t}");
        }
    }

    /// <summary>Built-in in_proj_weight is [W^Q; W^K; W^V] stacked ([3D, D]); out_proj is W^O.</summary>
    internal static void CopyWeights(nn.Module builtIn, MultiHeadAttention ours)
    {
        var source = builtIn.state_dict();
        var (w, b) = (source["in_proj_weight"], source["in_proj_bias"]);
        var target = new Dictionary<string, Tensor>
        {
            ["w_q.weight"] = w.narrow(0, 0, D), ["w_k.weight"] = w.narrow(0, D, D), ["w_v.weight"] = w.narrow(0, 2 * D, D),
            ["w_q.bias"] = b.narrow(0, 0, D), ["w_k.bias"] = b.narrow(0, D, D), ["w_v.bias"] = b.narrow(0, 2 * D, D),
            ["w_o.weight"] = source["out_proj.weight"], ["w_o.bias"] = source["out_proj.bias"],
        };
        var (missing, unexpected) = ours.load_state_dict(target);
        Assert.Empty(missing);
        Assert.Empty(unexpected);
    }

    internal static void AssertClose(Tensor expected, Tensor actual, string what, double atol = 1e-5)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.True(expected.allclose(actual, rtol: 0, atol: atol), $"{what}: max |Δ| = {(expected - actual).abs().max().item<float>()}");
    }
}
