using Seq2Seq.Decoding;
using Seq2Seq.Text;
using Seq2Seq.Transformer;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Decoding;

/// <summary>The decoders on the real Transformer (random init, seeded): the algebraic identities that must hold
/// whatever the weights.</summary>
[Collection("Sequential")]
public sealed class TransformerDecodingTests
{
    private static TransformerModel Model(int seed)
    {
        torch.manual_seed(seed);
        var model = new TransformerModel(TransformerConfig.Tiny.WithVocab(20, 16));
        model.eval();
        return model;
    }

    private static Tensor Source()
    {
        var ids = torch.randint(SpecialTokens.All.Count, 20, [4, 7], dtype: ScalarType.Int64, generator: new torch.Generator(5));
        ids[1, TensorIndex.Slice(5)] = torch.tensor((long)SpecialTokens.Pad);   // ragged rows
        ids[3, TensorIndex.Slice(3)] = torch.tensor((long)SpecialTokens.Pad);
        return ids;   // [4, 7]
    }

    [Fact]
    public void BeamOfOneEqualsGreedy()
    {
        using var oneThread = new Tests.SingleThread();   // tiny tensors: threads only add overhead
        using var model = Model(61);
        using var scope = torch.NewDisposeScope();
        var src = Source();
        var options = new DecodeOptions(MaxLength: 15);
        var greedy = GreedySearch.Decode(model, src, options);
        var beam = BeamSearch.Decode(model, src, new BeamOptions(1, Alpha: 0), options);
        for (int b = 0; b < greedy.Count; b++)
        {
            Assert.Equal(greedy[b].Tokens, beam[b][0].Tokens);
            Assert.Equal(greedy[b].LogProb, beam[b][0].LogProb, 1e-3);
        }
    }

    [Fact]
    public void CachedAndUncachedBeamSearchAgree()
    {
        using var oneThread = new Tests.SingleThread();   // tiny tensors: threads only add overhead
        using var model = Model(62);
        using var scope = torch.NewDisposeScope();
        var src = Source();
        var (beam, options) = (new BeamOptions(5, 0.6, NBest: 5), new DecodeOptions(MaxLength: 12));
        model.UseKvCache = true;
        var cached = BeamSearch.Decode(model, src, beam, options);
        model.UseKvCache = false;
        var uncached = BeamSearch.Decode(model, src, beam, options);
        for (int b = 0; b < cached.Count; b++)
        {
            Assert.Equal(5, cached[b].Count);
            Assert.Equal(uncached[b].Select(h => string.Join(' ', h.Tokens)), cached[b].Select(h => string.Join(' ', h.Tokens)));
            for (int i = 0; i < 5; i++) Assert.Equal(uncached[b][i].Score, cached[b][i].Score, 1e-3);
        }
    }

    [Fact]
    public void AModelInTrainingModeIsRefused()
    {
        using var model = Model(64);
        model.train();
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<InvalidOperationException>(() => BeamSearch.Decode(model, Source(), new BeamOptions(2)));
        Assert.Contains("model.eval()", e.Message);
        Assert.Throws<InvalidOperationException>(() => GreedySearch.Decode(model, Source()));
    }

    [Fact]
    public void BatchedBeamSearchEqualsOneSentenceAtATime()
    {
        using var oneThread = new Tests.SingleThread();   // tiny tensors: threads only add overhead
        using var model = Model(63);
        using var scope = torch.NewDisposeScope();
        var src = Source();
        Assert.True(src.eq(Seq2Seq.Text.SpecialTokens.Pad).any().item<bool>(), "the batch must hold padded rows");
        var (beam, options) = (new BeamOptions(3, 1.0), new DecodeOptions(MaxLength: 20, MaxLengthRatio: 1.0, MaxLengthOffset: 2));
        var batched = BeamSearch.Decode(model, src, beam, options);
        for (int b = 0; b < src.shape[0]; b++)
        {
            // The sentence alone, without the batch's padding: padding must change nothing (masks, length limits).
            long length = src[b].ne(Seq2Seq.Text.SpecialTokens.Pad).sum().item<long>();
            var row = src[b..(b + 1)].narrow(1, 0, length);
            var alone = BeamSearch.Decode(model, row, beam, options)[0][0];
            Assert.Equal(alone.Tokens, batched[b][0].Tokens);
            Assert.Equal(alone.Score, batched[b][0].Score, 1e-3);
        }
    }
}
