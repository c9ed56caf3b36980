using Seq2Seq.Decoding;
using Seq2Seq.Text;
using Seq2Seq.Transformer;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Transformer;

/// <summary>The Transformer's step-wise interface refuses what it cannot use, by name: a state from another model
/// type, last tokens of the wrong rank, batch or type, caches for another number of layers, a state holding both
/// (or neither) of memory and caches.</summary>
[Collection("Sequential")]
public sealed class SteppingLimitsTests
{
    private static readonly TransformerConfig Tiny = TransformerConfig.Tiny.WithVocab(13, 11);

    [Fact]
    public void StepNamesAForeignStateAndBadLastTokens()
    {
        torch.manual_seed(31);
        using var model = new TransformerModel(Tiny);
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var state = model.Start(TransformerModelTests.RandomIds(2, 4, 13));
        var foreign = Assert.Throws<ArgumentException>(() => model.Step(torch.ones(2, dtype: ScalarType.Int64), new Foreign()));
        Assert.StartsWith("TransformerModel.Step needs a TransformerDecoderState, got Foreign.", foreign.Message);
        Assert.StartsWith("TransformerModel.Step needs a TransformerDecoderState, got null.",
            Assert.Throws<ArgumentException>(() => model.Step(torch.ones(2, dtype: ScalarType.Int64), null!)).Message);
        foreach (var (tokens, described) in new[]
                 {
                     (torch.ones(2, dtype: ScalarType.Int32), "[2] Int32"),
                     (torch.ones(3, dtype: ScalarType.Int64), "[3] Int64"),
                     (torch.ones(2, 1, dtype: ScalarType.Int64), "[2, 1] Int64"),
                 })
        {
            var e = Assert.Throws<ArgumentException>(() => model.Step(tokens, state));
            Assert.Equal("lastTokens", e.ParamName);
            Assert.StartsWith($"TransformerModel.Step: lastTokens must be [B=2] int64, got {described}.", e.Message);
        }
        var bos = torch.full(2, SpecialTokens.Bos, dtype: ScalarType.Int64);
        var (logProbs, next) = model.Step(bos, state);
        Assert.Equal(new long[] { 2, 11 }, logProbs.shape);
        Assert.Equal(1, ((TransformerDecoderState)next).Length);
    }

    [Fact]
    public void CachesMustMatchTheLayersAndAStateHoldsExactlyOneKind()
    {
        torch.manual_seed(32);
        using var model = new TransformerModel(Tiny);
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var cached = model.Start(TransformerModelTests.RandomIds(2, 4, 13), useCache: true);
        var uncached = model.Start(TransformerModelTests.RandomIds(2, 4, 13), useCache: false);
        Assert.True(cached.UsesCache);
        Assert.False(uncached.UsesCache);
        Assert.Equal(0, cached.Length);
        var prefix = torch.empty(2, 0, dtype: ScalarType.Int64);
        var both = Assert.Throws<ArgumentException>(() => new TransformerDecoderState(cached.SrcMask, prefix, uncached.Memory, cached.Caches));
        var neither = Assert.Throws<ArgumentException>(() => new TransformerDecoderState(cached.SrcMask, prefix, null, null));
        Assert.All(new[] { both, neither }, e =>
            Assert.Equal("TransformerDecoderState holds either the memory (uncached) or the layer caches (cached).", e.Message));

        using var decoder = new Decoder(3, 32, 4, 64, 0.0, preNorm: false);
        decoder.eval();
        var x = torch.randn(2, 1, 32);
        var e2 = Assert.Throws<ArgumentException>(() => decoder.Step(x, cached.Caches!, cached.SrcMask));
        Assert.StartsWith("Decoder.Step: 2 layer caches for 3 layers.", e2.Message);
        var caches = decoder.StartCaches(torch.randn(2, 4, 32));
        var (output, grown) = decoder.Step(x, caches, cached.SrcMask);
        Assert.Equal(new long[] { 2, 1, 32 }, output.shape);
        Assert.All(grown, c => Assert.Equal(1, c.Self!.Length));
        Assert.All(grown, c => Assert.Equal(4, c.Tensors.Count()));
        Assert.All(caches, c => Assert.Equal(2, c.Tensors.Count()));                                  // before the first step: cross only
    }

    [Fact]
    public void TheModelChecksItsConfigurationAndItsIds()
    {
        Assert.Equal("config", Assert.Throws<ArgumentNullException>(() => new TransformerModel(null!)).ParamName);
        var bad = Assert.Throws<ArgumentException>(() => new TransformerModel(Tiny with { Heads = 5 }));
        Assert.Equal("TransformerConfig: DModel (32) must be a multiple of Heads (5).", bad.Message);

        torch.manual_seed(33);
        using var model = new TransformerModel(Tiny);
        model.eval();
        Assert.True(model.UseKvCache);                                                               // decoding caches by default
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var src = TransformerModelTests.RandomIds(2, 4, 13);
        Assert.True(((TransformerDecoderState)model.Start(src)).UsesCache);
        var tgt = TransformerModelTests.RandomIds(2, 3, 11);
        void Refused(Action call, string name, string got)
        {
            var e = Assert.Throws<ArgumentException>(call);
            Assert.Equal(name, e.ParamName);
            Assert.StartsWith($"TransformerModel: {name} must be [B, L] int64, got {got}.", e.Message);
        }
        Refused(() => model.ForwardWithAttention(src.to_type(ScalarType.Int32), tgt), "srcIds", "[2, 4] Int32");
        Refused(() => model.ForwardWithAttention(src, tgt.to_type(ScalarType.Int32)), "tgtIds", "[2, 3] Int32");
        Refused(() => model.Logits(src, tgt.reshape(6)), "tgtIds", "[6] Int64");
        Refused(() => model.Encode(src.reshape(2, 2, 2)), "srcIds", "[2, 2, 2] Int64");
    }

    private sealed class Foreign : IDecoderState
    {
        public IDecoderState Select(Tensor index) => this;
        public IEnumerable<Tensor> Tensors => [];
    }
}
