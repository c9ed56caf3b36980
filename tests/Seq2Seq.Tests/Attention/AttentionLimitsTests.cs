using Seq2Seq.Attention;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Attention;

/// <summary>Every shape check of the attention modules, one mismatch at a time, and the smallest sizes they
/// accept: a student's wrong tensor is named with its shape instead of failing deep inside a matmul (or, worse,
/// broadcasting silently). Each case here is a condition a mutation run showed no test would notice gone.</summary>
[Collection("Sequential")]
public sealed class AttentionLimitsTests
{
    private const long B = 2, S = 3, Hd = 4, Dk = 5;

    public static TheoryData<string> Modules => ["additive", "luong"];

    private static (Tensor Context, Tensor Weights) Attend(string module, Tensor query, Tensor keys, Tensor values, Tensor? mask)
    {
        if (module == "additive")
        {
            using var additive = new AdditiveAttention(Hd, Dk, Dk);       // A = Dk: projected keys keep their shape
            return additive.forward(query, additive.ProjectKeys(keys), values, mask);
        }
        using var luong = new LuongAttention(LuongScore.General, Hd, Dk);
        return luong.forward(query, keys, values, mask);
    }

    private static string Name(string module) => module == "additive" ? "AdditiveAttention" : "LuongAttention";

    [Theory]
    [MemberData(nameof(Modules))]
    public void KeysAndValuesMustShareBatchAndLength(string module)
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = (randn(B, Hd), randn(B, S, Dk), randn(B, S, 7));
        Assert.Equal(new[] { B, 7L }, Attend(module, q, k, v, null).Context.shape);             // Dv may differ from Dk
        foreach (var (values, shape) in new[] { (randn(B + 1, S, 7), "[3, 3, 7]"), (randn(B, S + 1, 7), "[2, 4, 7]"), (randn(B, S), "[2, 3]") })
        {
            var e = Assert.Throws<ArgumentException>(() => Attend(module, q, k, values, null));
            Assert.Contains($"{Name(module)}: keys and values must be [B, S, *] with B = {B}, got keys [{B}, {S}, {Dk}] and values {shape}.", e.Message);
        }
    }

    [Fact]
    public void KeysOfAnotherBatchOrRankAreNamed()
    {
        // The additive module projects keys first (its own check names the expected width); Luong's memory check
        // sees the raw keys.
        using var scope = NewDisposeScope();
        using var luong = new LuongAttention(LuongScore.General, Hd, Dk);
        var (q, v) = (randn(B, Hd), randn(B, S, 7));
        var otherBatch = Assert.Throws<ArgumentException>(() => luong.forward(q, randn(B + 1, S, Dk), v, null));
        Assert.Contains($"got keys [3, {S}, {Dk}] and values [{B}, {S}, 7]", otherBatch.Message);
        var flat = Assert.Throws<ArgumentException>(() => luong.forward(q, randn(B, S), v, null));
        Assert.Contains($"got keys [{B}, {S}] and values", flat.Message);
        using var additive = new AdditiveAttention(Hd, Dk, 6);
        var unprojected = Assert.Throws<ArgumentException>(() => additive.ProjectKeys(randn(B, Dk)));
        Assert.Contains($"AdditiveAttention: keys must be [B, S, {Dk}], got [{B}, {Dk}].", unprojected.Message);
        var otherBatchProjected = Assert.Throws<ArgumentException>(() => additive.forward(q, randn(B + 1, S, 6), v, null));
        Assert.Contains("AdditiveAttention: keys and values must be [B, S, *]", otherBatchProjected.Message);
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void TheMaskIsOneBoolPerSourcePositionOfEachSentence(string module)
    {
        using var scope = NewDisposeScope();
        var (q, k, v) = (randn(B, Hd), randn(B, S, Dk), randn(B, S, 7));
        foreach (var (mask, shape) in new[] { (ones(B + 1, S, dtype: ScalarType.Bool), "[3, 3]"), (ones(B, S + 1, dtype: ScalarType.Bool), "[2, 4]"),
                                              (ones(B, 1, S, dtype: ScalarType.Bool), "[2, 1, 3]") })
        {
            var e = Assert.Throws<ArgumentException>(() => Attend(module, q, k, v, mask));
            Assert.Equal("mask", e.ParamName);
            Assert.Contains($"{Name(module)}: mask must be [B, S] = [{B}, {S}], got {shape}.", e.Message);
        }
        var floats = Assert.Throws<ArgumentException>(() => Attend(module, q, k, v, ones(B, S)));
        Assert.Contains($"{Name(module)}: mask must be bool (true = may attend), got Float32.", floats.Message);
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void TheQueryIsOneStepOrManyStepsOfEachSentence(string module)
    {
        using var scope = NewDisposeScope();
        var (k, v) = (randn(B, S, Dk), randn(B, S, 7));
        foreach (var (query, shape) in new[] { (randn(Hd), "[4]"), (randn(B, 2, 3, Hd), "[2, 2, 3, 4]") })
        {
            var e = Assert.Throws<ArgumentException>(() => Attend(module, query, k, v, null));
            Assert.Equal("query", e.ParamName);
            Assert.Contains($"{Name(module)}: query must be [B, Hd] or [B, T, Hd], got {shape}.", e.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void AQueryOfOneStepKeepsItsStepAxis(string module)
    {
        // [B, 1, Hd] is "all steps" with T = 1, not a single step: its results keep the T axis.
        using var scope = NewDisposeScope();
        var (k, v) = (randn(B, S, Dk), randn(B, S, 7));
        var (context, weights) = Attend(module, randn(B, 1, Hd), k, v, null);
        Assert.Equal(new[] { B, 1L, 7L }, context.shape);
        Assert.Equal(new[] { B, 1L, S }, weights.shape);
        var (single, singleWeights) = Attend(module, randn(B, Hd), k, v, null);
        Assert.Equal(new[] { B, 7L }, single.shape);
        Assert.Equal(new[] { B, S }, singleWeights.shape);
    }

    [Fact]
    public void LuongNamesQueriesAndKeysOfTheWrongWidth()
    {
        using var scope = NewDisposeScope();
        using var luong = new LuongAttention(LuongScore.General, Hd, Dk);
        var v = randn(B, S, 7);
        var wideQuery = Assert.Throws<ArgumentException>(() => luong.forward(randn(B, Hd + 1), randn(B, S, Dk), v, null));
        Assert.Contains($"LuongAttention: expected query [.., {Hd}] and keys [B, S, {Dk}], got [{B}, {Hd + 1}] and [{B}, {S}, {Dk}].", wideQuery.Message);
        var wideKeys = Assert.Throws<ArgumentException>(() => luong.forward(randn(B, Hd), randn(B, S, Dk + 1), v, null));
        Assert.Contains($"got [{B}, {Hd}] and [{B}, {S}, {Dk + 1}]", wideKeys.Message);
    }

    [Fact]
    public void SizesMustBePositiveAndOneIsEnough()
    {
        using (var tiny = new AdditiveAttention(1, 1, 1)) Assert.Equal(3, tiny.parameters().Count());
        using (var tinyLuong = new LuongAttention(LuongScore.Concat, 1, 1, 1)) Assert.Equal(2, tinyLuong.parameters().Count());
        foreach (var (q, k, a) in new long[][] { [0, 1, 1], [1, 0, 1], [1, 1, 0] }.Select(x => (x[0], x[1], x[2])))
        {
            var e = Assert.Throws<ArgumentException>(() => new AdditiveAttention(q, k, a));
            Assert.Contains($"AdditiveAttention: sizes must be positive (queryDim {q}, keyDim {k}, attentionDim {a}).", e.Message);
        }
        foreach (var (q, k, a) in new long[][] { [0, 1, 1], [1, 0, 1], [1, 1, -1] }.Select(x => (x[0], x[1], x[2])))
        {
            var e = Assert.Throws<ArgumentException>(() => new LuongAttention(LuongScore.General, q, k, a));
            Assert.Contains($"LuongAttention: sizes must be positive (queryDim {q}, keyDim {k}, attentionDim {a}).", e.Message);
        }
        var dot = Assert.Throws<ArgumentException>(() => new LuongAttention(LuongScore.Dot, 3, 4));
        Assert.Contains("LuongAttention: the dot score needs queryDim == keyDim, got 3 and 4; use General.", dot.Message);
        var unknown = Assert.Throws<ArgumentOutOfRangeException>(() => new LuongAttention((LuongScore)7, 3, 3));
        Assert.Contains("LuongAttention: unknown score.", unknown.Message);
    }

    [Fact]
    public void ConcatScoreHiddenWidthDefaultsToTheQueryWidth()
    {
        using var concat = new LuongAttention(LuongScore.Concat, Hd, Dk);                         // attentionDim 0 = Hd
        var shapes = concat.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape);
        Assert.Equal(new[] { Hd, Hd + Dk }, shapes["w_a.weight"]);
        Assert.Equal(new[] { 1, Hd }, shapes["v.weight"]);
        using var wide = new LuongAttention(LuongScore.Concat, Hd, Dk, 7);
        Assert.Equal(new[] { 7, Hd + Dk }, wide.named_parameters().First().parameter.shape);
    }

    [Fact]
    public void MultiHeadAttentionNeedsHeadsThatDivideTheWidth()
    {
        using var scope = NewDisposeScope();
        using var oneHead = new MultiHeadAttention(6, 1);
        var x = randn(2, 3, 6);
        var (output, weights) = oneHead.forward(x, x, x, null);
        Assert.Equal(new long[] { 2, 1, 3, 3 }, weights.shape);
        // One head is plain scaled dot-product attention of the projections.
        var p = oneHead.state_dict();
        Tensor Linear(string name) => x.matmul(p[$"{name}.weight"].t()).add(p[$"{name}.bias"]);
        var (context, _) = Seq2Seq.Attention.Attention.ScaledDotProduct(Linear("w_q"), Linear("w_k"), Linear("w_v"));
        Assert.True(output.allclose(context.matmul(p["w_o.weight"].t()).add(p["w_o.bias"]), atol: 1e-5));
        foreach (var heads in new long[] { 0, -2, 4 })
        {
            var e = Assert.Throws<ArgumentException>(() => new MultiHeadAttention(6, heads));
            Assert.Contains($"MultiHeadAttention: dModel (6) must be a positive multiple of numHeads ({heads}).", e.Message);
        }
    }

    [Fact]
    public void ProjectedValuesMustMatchTheirKeys()
    {
        using var scope = NewDisposeScope();
        using var mha = new MultiHeadAttention(8, 2);
        var q = randn(2, 3, 8);
        var keys = randn(2, 2, 5, 4);                                                              // [B, H, S, Dh]
        var e = Assert.Throws<ArgumentException>(() => mha.AttendTo(q, new KeyValueCache(keys, randn(2, 2, 4, 4)), null, needWeights: false));
        Assert.Contains("MultiHeadAttention values (vs keys)", e.Message);
        Assert.Equal(new long[] { 2, 3, 8 }, mha.AttendTo(q, new KeyValueCache(keys, randn(2, 2, 5, 4)), null, needWeights: false).Output.shape);
    }

    [Fact]
    public void KeyValueCacheSelectsRowsAndAppendsPositions()
    {
        using var scope = NewDisposeScope();
        var keys = arange(2 * 1 * 3 * 2, dtype: ScalarType.Float32).reshape(2, 1, 3, 2);         // [B=2, H=1, S=3, Dh=2]
        var cache = new KeyValueCache(keys, keys.neg());
        var picked = cache.Select(tensor(new long[] { 1, 1, 0 }));
        Assert.Equal(new long[] { 3, 1, 3, 2 }, picked.Keys.shape);
        Assert.True(picked.Keys[0].eq(keys[1]).all().item<bool>() && picked.Keys[2].eq(keys[0]).all().item<bool>());
        Assert.True(picked.Values[1].eq(keys[1].neg()).all().item<bool>());
        var grown = cache.Append(new KeyValueCache(full(2, 1, 1, 2, 100f), full(2, 1, 1, 2, -100f)));
        Assert.Equal(4, grown.Length);
        Assert.True(grown.Keys.narrow(2, 0, 3).eq(keys).all().item<bool>());
        Assert.Equal(100f, grown.Keys[1, 0, 3, 1].item<float>());
        Assert.Equal(-100f, grown.Values[0, 0, 3, 0].item<float>());
    }

    [Fact]
    public void TheSmallestCausalMaskIsOnePosition()
    {
        using var scope = NewDisposeScope();
        var one = Masks.Causal(1);
        Assert.Equal(new long[] { 1, 1, 1, 1 }, one.shape);
        Assert.True(one.item<bool>());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Masks.Causal(0));
        Assert.Contains("Masks.Causal: length must be ≥ 1.", e.Message);
        var padding = Assert.Throws<ArgumentException>(() => Masks.Padding(zeros(1, 2, 3, dtype: ScalarType.Int64)));
        Assert.Contains("Masks.Padding: ids must be [B, S], got [1, 2, 3].", padding.Message);
        // Another pad id: the mask follows it.
        Assert.Equal(new[] { false, true, true }, Masks.Padding(tensor(new long[,] { { 9, 0, 4 } }), padId: 9).data<bool>().ToArray());
    }

    [Fact]
    public void ScaledDotProductAppliesTheGivenDropoutToTheWeightsItUses()
    {
        // The returned weights are before dropout; the context is computed from the dropped ones.
        using var scope = NewDisposeScope();
        var (q, k, v) = (randn(1, 2, 4), randn(1, 3, 4), randn(1, 3, 5));
        using var dropAll = new Seq2Seq.Layers.FastDropout(1.0);
        var (context, weights) = Seq2Seq.Attention.Attention.ScaledDotProduct(q, k, v, null, dropAll);
        Assert.Equal(0f, context.abs().sum().item<float>());
        Assert.True(weights.sum(-1).allclose(ones(1, 2)));
        var e = Assert.Throws<ArgumentException>(() => Seq2Seq.Attention.Attention.Fused(q.unsqueeze(0), k.unsqueeze(0), v.unsqueeze(0), ones(1, 1, 2, 3)));
        Assert.Contains("Attention mask must be bool (true = may attend), got Float32.", e.Message);
    }
}
