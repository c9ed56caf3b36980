using Seq2Seq.Text;
using Seq2Seq.Transformer;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Transformer;

/// <summary><see cref="CrossAttention.LastLayerMean"/>, which notebooks 09–10 plot and compare with IBM Model 1:
/// it must be the last decoder layer's cross-attention, head-averaged, for the output fed back teacher-forced
/// (BOS + output without its last id), and each row a distribution over the source.</summary>
[Collection("Sequential")]
public sealed class CrossAttentionTests
{
    private static readonly TransformerConfig Tiny = TransformerConfig.Tiny.WithVocab(13, 11) with { DecoderLayers = 3 };

    [Fact]
    public void IsTheLastLayersHeadMeanOfTheTeacherForcedOutput()
    {
        torch.manual_seed(21);
        using var model = new TransformerModel(Tiny);
        model.eval();
        int[] source = [5, 9, 4, 12, SpecialTokens.Eos], output = [7, 6, 10, SpecialTokens.Eos];
        var mean = CrossAttention.LastLayerMean(model, source, output);                               // [T, S]
        Assert.Equal(new[] { output.Length, source.Length }, new[] { mean.GetLength(0), mean.GetLength(1) });

        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var src = torch.tensor(source.Select(i => (long)i).ToArray()).unsqueeze(0);
        var tgtIn = torch.tensor(new long[] { SpecialTokens.Bos, 7, 6, 10 }).unsqueeze(0);            // BOS + output[..^1]
        var (_, maps) = model.ForwardWithAttention(src, tgtIn);
        var last = maps.DecoderCross[^1][0];                                                          // [H, T, S]
        var first = maps.DecoderCross[0][0];
        double gapToFirst = 0;
        for (int t = 0; t < output.Length; t++)
        {
            double rowSum = 0;
            for (int s = 0; s < source.Length; s++)
            {
                double expected = last[.., t, s].mean().item<float>();
                Assert.Equal(expected, mean[t, s], 6);
                rowSum += mean[t, s];
                gapToFirst = Math.Max(gapToFirst, Math.Abs(first[.., t, s].mean().item<float>() - mean[t, s]));
            }
            Assert.Equal(1.0, rowSum, 5);
        }
        Assert.True(gapToFirst > 1e-3, "the first layer's map is the same: the test cannot tell the layers apart");
    }

    [Fact]
    public void AnOutputOfOneIdIsOneRowAndBadCallsAreNamed()
    {
        torch.manual_seed(22);
        using var model = new TransformerModel(Tiny);
        model.eval();
        var single = CrossAttention.LastLayerMean(model, [5, 6, SpecialTokens.Eos], [SpecialTokens.Eos]);
        Assert.Equal(1, single.GetLength(0));
        var noSource = Assert.Throws<ArgumentException>(() => CrossAttention.LastLayerMean(model, [], [5]));
        Assert.Equal("CrossAttention: need at least one source and one output id, got 0 and 1.", noSource.Message);
        var noOutput = Assert.Throws<ArgumentException>(() => CrossAttention.LastLayerMean(model, [5], []));
        Assert.Equal("CrossAttention: need at least one source and one output id, got 1 and 0.", noOutput.Message);
        model.train();
        var training = Assert.Throws<InvalidOperationException>(() => CrossAttention.LastLayerMean(model, [5], [5]));
        Assert.Equal("CrossAttention: call model.eval() first (dropout would change the weights).", training.Message);
        Assert.Throws<ArgumentNullException>(() => CrossAttention.LastLayerMean(null!, [5], [5]));
    }
}
