using Seq2Seq.Decoding;
using Seq2Seq.Layers;
using Seq2Seq.Text;
using Seq2Seq.Transformer;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Transformer;

[Collection("Sequential")]
public sealed class TransformerModelTests
{
    private static readonly TransformerConfig Tiny = TransformerConfig.Tiny.WithVocab(13, 11);

    /// <summary>Random ids in [4, vocab) with the tail of some rows padded: [B, L].</summary>
    internal static Tensor RandomIds(int batch, int length, int vocab, int[]? padFrom = null)
    {
        var ids = torch.randint(SpecialTokens.All.Count, vocab, [batch, length], dtype: ScalarType.Int64);
        for (int b = 0; padFrom is not null && b < batch; b++)
            if (padFrom[b] < length) ids[b, TensorIndex.Slice(padFrom[b])] = torch.tensor(SpecialTokens.Pad);
        return ids;
    }

    [Theory]
    [InlineData(false, false, false, false)]
    [InlineData(true, true, true, false)]
    [InlineData(false, true, false, true)]
    public void LogitsHaveShapeBTV(bool preNorm, bool learned, bool share, bool tie)
    {
        torch.manual_seed(1);
        var config = TransformerConfig.Tiny.WithVocab(12, 12) with
        {
            PreNorm = preNorm, ShareEmbeddings = share, TieOutput = tie,
            Positions = learned ? PositionalEncodingKind.Learned : PositionalEncodingKind.Sinusoidal,
        };
        using var model = new TransformerModel(config);
        using var scope = torch.NewDisposeScope();
        var logits = model.Logits(RandomIds(3, 7, 12, [7, 5, 2]), RandomIds(3, 5, 12, [5, 4, 1]));
        Assert.Equal(new long[] { 3, 5, 12 }, logits.shape);
        Assert.False(logits.isnan().any().item<bool>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CachedStepsEqualFullRecomputationAndLogits(bool preNorm)
    {
        using var oneThread = new SingleThread();
        torch.manual_seed(2);
        using var model = new TransformerModel(Tiny with { PreNorm = preNorm });
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var src = RandomIds(3, 6, 13, [6, 4, 2]);
        IDecoderState cached = model.Start(src, useCache: true);
        IDecoderState uncached = model.Start(src, useCache: false);
        var tokens = torch.full(3, SpecialTokens.Bos, dtype: ScalarType.Int64);
        var fed = new List<Tensor>();
        for (int step = 0; step < 10; step++)
        {
            fed.Add(tokens);
            var (a, nextCached) = model.Step(tokens, cached);
            var (b, nextUncached) = model.Step(tokens, uncached);
            Assert.True(a.allclose(b, rtol: 0, atol: 1e-5), $"step {step}: max |Δ| = {(a - b).abs().max().item<float>()}");
            Assert.Equal(a.argmax(-1).data<long>().ToArray(), b.argmax(-1).data<long>().ToArray());
            // The teacher-forced logits of the same prefix give the same distribution at its last position.
            var teacher = model.Logits(src, torch.stack(fed, 1)).select(1, step).log_softmax(-1);
            Assert.True(a.allclose(teacher, rtol: 0, atol: 1e-5), $"step {step}: cached vs Logits max |Δ| = {(a - teacher).abs().max().item<float>()}");
            (cached, uncached) = (nextCached, nextUncached);
            tokens = a.argmax(-1);
        }
    }
}
