using Seq2Seq.Decoding;
using Seq2Seq.Layers;
using Seq2Seq.Text;
using Seq2Seq.Transformer;
using TorchSharp;
using static TorchSharp.torch;
using static Seq2Seq.Tests.Transformer.TransformerModelTests;

namespace Seq2Seq.Tests.Transformer;

[Collection("Sequential")]
public sealed class TransformerBehaviourTests
{
    private static readonly TransformerConfig Tiny = TransformerConfig.Tiny.WithVocab(13, 11);

    [Fact]
    public void PaddedPositionsChangeNothing()
    {
        torch.manual_seed(3);
        using var model = new TransformerModel(Tiny);
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var src = RandomIds(3, 6, 13, [6, 4, 2]);
        var tgt = RandomIds(3, 5, 11, [5, 3, 1]);
        var logits = model.Logits(src, tgt);
        // More padding on the source (two extra pad columns) changes nothing.
        var widerSrc = torch.cat([src, torch.zeros(3, 2, dtype: ScalarType.Int64)], 1);
        Assert.True(logits.allclose(model.Logits(widerSrc, tgt), rtol: 0, atol: 1e-5));
        // Other tokens where the target pads were: real positions must not notice (the causal mask hides them).
        var tgtPads = tgt.eq(SpecialTokens.Pad);
        var changedTgt = model.Logits(src, tgt.masked_fill(tgtPads, 7));
        var real = tgtPads.logical_not().unsqueeze(-1).expand_as(logits);
        Assert.True(logits.masked_select(real).allclose(changedTgt.masked_select(real), rtol: 0, atol: 1e-5));
        Assert.False(logits.allclose(changedTgt, rtol: 0, atol: 1e-5));                                // pad positions did change
    }

    [Fact]
    public void AttentionMapsHaveShapesAndExactZeros()
    {
        torch.manual_seed(4);
        using var model = new TransformerModel(Tiny);
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var src = RandomIds(2, 6, 13, [6, 3]);
        var tgt = RandomIds(2, 4, 11);
        var (logits, maps) = model.ForwardWithAttention(src, tgt);
        Assert.True(logits.allclose(model.Logits(src, tgt), rtol: 0, atol: 1e-5));                   // explicit = fused
        Assert.Equal(2, maps.EncoderSelf.Count);
        Assert.All(maps.EncoderSelf, w => Assert.Equal(new long[] { 2, 4, 6, 6 }, w.shape));
        Assert.All(maps.DecoderSelf, w => Assert.Equal(new long[] { 2, 4, 4, 4 }, w.shape));
        Assert.All(maps.DecoderCross, w => Assert.Equal(new long[] { 2, 4, 4, 6 }, w.shape));
        var srcPad = src.eq(SpecialTokens.Pad).reshape(2, 1, 1, 6);
        foreach (var w in maps.EncoderSelf.Concat(maps.DecoderCross))
            Assert.Equal(0f, w.masked_select(srcPad.expand_as(w)).abs().sum().item<float>());
        var future = torch.ones(4, 4, dtype: ScalarType.Bool).triu(1);
        foreach (var w in maps.DecoderSelf) Assert.Equal(0f, w.masked_select(future.expand_as(w)).abs().sum().item<float>());
    }

    [Fact]
    public void SelectReordersTheStateLikeTheBatch()
    {
        using var oneThread = new SingleThread();
        torch.manual_seed(5);
        using var model = new TransformerModel(Tiny);
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var src = RandomIds(3, 5, 13, [5, 3, 4]);
        var first = torch.full(3, SpecialTokens.Bos, dtype: ScalarType.Int64);
        var index = torch.tensor(new long[] { 2, 0, 0, 1 });                                           // beams: reorder + repeat
        var tokens = torch.tensor(new long[] { 5, 6, 7 });
        foreach (var useCache in new[] { true, false })
        {
            // Expected: decode the reordered batch from the start.
            var (_, reordered) = model.Step(first.index_select(0, index), model.Start(src.index_select(0, index), useCache));
            var (expected, _) = model.Step(tokens.index_select(0, index), reordered);
            // Actual: decode the original batch one step, then reorder the state (as beam search does).
            var (_, state) = model.Step(first, model.Start(src, useCache));
            var selected = state.Select(index);
            var (actual, _) = model.Step(tokens.index_select(0, index), selected);
            Assert.True(expected.allclose(actual, rtol: 0, atol: 1e-5), $"useCache={useCache}");
            Assert.Equal(4, ((TransformerDecoderState)selected).BatchSize);
            Assert.Equal(useCache ? 2 + 4 * Tiny.DecoderLayers : 3, selected.Tensors.Count());    // mask, prefix, (K, V)×2 per layer | memory
        }
    }

    [Fact]
    public void SharedAndTiedWeightsAreSingleParameters()
    {
        var config = TransformerConfig.Tiny.WithVocab(12, 12) with { ShareEmbeddings = true, TieOutput = true };
        using var shared = new TransformerModel(config);
        using var separate = new TransformerModel(config with { ShareEmbeddings = false, TieOutput = false });
        var keys = shared.state_dict().Keys.ToList();
        Assert.Contains("src_embed.embedding.weight", keys);
        Assert.DoesNotContain(keys, k => k.StartsWith("tgt_embed") || k.StartsWith("generator"));
        long embedding = 12 * 32;
        Assert.Equal(separate.ParameterCount - embedding - (embedding + 12), shared.ParameterCount);
        Assert.Equal(shared.parameters().Count(), shared.parameters().Distinct().Count());
    }

    [Fact]
    public void DropoutIsActiveInTrainingOnly()
    {
        torch.manual_seed(6);
        using var model = new TransformerModel(Tiny with { Dropout = 0.3, Positions = PositionalEncodingKind.Learned });
        using var scope = torch.NewDisposeScope();
        var (src, tgt) = (RandomIds(2, 5, 13), RandomIds(2, 4, 11));
        model.train();
        Assert.False(model.Logits(src, tgt).allclose(model.Logits(src, tgt)));
        model.eval();
        Assert.True(model.Logits(src, tgt).allclose(model.Logits(src, tgt), rtol: 0, atol: 0));
    }

    [Fact]
    public void BadInputsAreReportedClearly()
    {
        using var model = new TransformerModel(Tiny);
        using var scope = torch.NewDisposeScope();
        var src = RandomIds(2, 5, 13);
        Assert.Contains("srcIds", Assert.Throws<ArgumentException>(() => model.Logits(src.to_type(ScalarType.Int32), src)).Message);
        Assert.Contains("batch", Assert.Throws<ArgumentException>(() => model.Logits(src, RandomIds(3, 4, 11))).Message);
        Assert.Contains("MaxLength", Assert.Throws<ArgumentOutOfRangeException>(() => model.Logits(RandomIds(2, 65, 13), src)).Message);
        var state = model.Start(src);
        Assert.Contains("lastTokens", Assert.Throws<ArgumentException>(() => model.Step(torch.ones(3, dtype: ScalarType.Int64), state)).Message);
    }
}
