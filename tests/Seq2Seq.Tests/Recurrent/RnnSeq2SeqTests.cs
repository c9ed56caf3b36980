using Seq2Seq.Attention;
using Seq2Seq.Recurrent;
using Seq2Seq.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Recurrent;

[Collection("Sequential")]
public sealed class RnnSeq2SeqTests
{
    public static TheoryData<string> Variants => ["none", "bahdanau", "luong-dot", "luong-general", "luong-concat", "luong-nofeed"];

    internal static RnnConfig Config(string variant) => variant switch
    {
        "none" => RnnConfig.Tiny with { Attention = RnnAttention.None },
        "bahdanau" => RnnConfig.Tiny,
        "luong-dot" => RnnConfig.Tiny with { Attention = RnnAttention.Luong, Score = LuongScore.Dot },
        "luong-general" => RnnConfig.Tiny with { Attention = RnnAttention.Luong, Score = LuongScore.General },
        "luong-concat" => RnnConfig.Tiny with { Attention = RnnAttention.Luong, Score = LuongScore.Concat },
        _ => RnnConfig.Tiny with { Attention = RnnAttention.Luong, InputFeeding = false },
    } with { HiddenSize = 16, EmbeddingDim = 8, AttentionDim = 12 };

    private static RnnSeq2Seq Model(string variant)
    {
        manual_seed(0);
        var model = new RnnSeq2Seq(Config(variant), 10, 11);
        model.eval();
        return model;
    }

    private static readonly long[,] Src = { { 4, 5, 6, 7, 2 }, { 8, 9, 2, 0, 0 } };
    private static readonly long[,] TgtIn = { { 1, 4, 5, 6 }, { 1, 8, 9, 0 } };

    [Theory]
    [MemberData(nameof(Variants))]
    public void ShapesAndNormalisedAttention(string variant)
    {
        using var scope = NewDisposeScope();
        using var model = Model(variant);
        var (logits, weights) = model.Forward(tensor(Src), tensor(TgtIn));
        Assert.Equal(new long[] { 2, 4, 11 }, logits.shape);
        Assert.True(logits.eq(model.Logits(tensor(Src), tensor(TgtIn))).all().item<bool>());
        if (variant == "none") { Assert.Null(weights); return; }
        Assert.Equal(new long[] { 2, 4, 5 }, weights!.shape);
        Assert.True(weights.sum(-1).allclose(ones(2, 4), atol: 1e-6));
        Assert.Equal(0f, weights[1, .., 3..].abs().max().item<float>());        // padded source: exactly 0
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void PaddingInTheBatchChangesNothingInTheDecoderOutputs(string variant)
    {
        using var scope = NewDisposeScope();
        using var model = Model(variant);
        var batched = model.Logits(tensor(Src), tensor(TgtIn));
        var alone = model.Logits(tensor(new long[,] { { 8, 9, 2 } }), tensor(new long[,] { { 1, 8, 9 } }));
        Assert.True(batched[1, ..3].allclose(alone[0], atol: 1e-5));
        // A pad embedding full of garbage (encoder and decoder) changes nothing either.
        var before = model.Logits(tensor(Src), tensor(TgtIn));
        using (no_grad())
            foreach (var (name, p) in model.named_parameters().Where(p => p.name.EndsWith("embedding.weight")))
                p[SpecialTokens.Pad].copy_(randn(p.shape[1]) * 50);
        var after = model.Logits(tensor(Src), tensor(TgtIn));
        Assert.True(after[0].allclose(before[0], atol: 1e-5) && after[1, ..3].allclose(before[1, ..3], atol: 1e-5));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void StepwiseDecodingReproducesTeacherForcedLogProbs(string variant)
    {
        using var scope = NewDisposeScope();
        using var model = Model(variant);
        var (src, tgtIn) = (tensor(Src), tensor(TgtIn));
        var (expected, weights) = model.Forward(src, tgtIn);
        var state = model.Start(src);
        for (int t = 0; t < 4; t++)
        {
            var (logProbs, next) = model.Step(tgtIn[.., t], state);
            Assert.True(logProbs.allclose(expected[.., t].log_softmax(-1), atol: 1e-5), $"step {t}");
            if (weights is not null) Assert.True(((RnnDecoderState)next).Weights!.allclose(weights[.., t], atol: 1e-6));
            state = next;
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void SelectReordersEveryPartOfTheState(string variant)
    {
        using var scope = NewDisposeScope();
        using var model = Model(variant);
        var src = tensor(Src);
        var (_, state) = model.Step(tensor(new long[] { 1, 1 }), model.Start(src));
        var index = tensor(new long[] { 1, 1, 0 });
        var (picked, _) = model.Step(tensor(new long[] { 9, 9, 4 }), state.Select(index));
        var (whole, _) = model.Step(tensor(new long[] { 4, 9 }), state);
        Assert.True(picked[0].allclose(whole[1], atol: 1e-6) && picked[1].allclose(whole[1], atol: 1e-6));
        Assert.True(picked[2].allclose(whole[0], atol: 1e-6));
    }

    [Fact]
    public void TeacherForcingRatioZeroFeedsBackTheModelsOwnArgmax()
    {
        using var scope = NewDisposeScope();
        using var model = Model("bahdanau");
        var (src, tgtIn) = (tensor(Src), tensor(TgtIn));
        var free = model.Forward(src, tgtIn, teacherForcing: 0.0).Logits;
        // Oracle: greedy decoding by hand, feeding argmax after BOS.
        var state = model.Start(src);
        var tokens = tgtIn[.., 0];
        for (int t = 0; t < 4; t++)
        {
            var (logProbs, next) = model.Step(tokens, state);
            Assert.True(logProbs.allclose(free[.., t].log_softmax(-1), atol: 1e-5), $"step {t}");
            (tokens, state) = (logProbs.argmax(-1), next);
        }
        // The reference tokens after BOS are never read at ratio 0 ...
        var scrambled = tgtIn.clone();
        scrambled[.., 1..] = tensor(new long[,] { { 7, 7, 7 }, { 3, 3, 3 } });
        Assert.True(model.Forward(src, scrambled, 0.0).Logits.eq(free).all().item<bool>());
        // ... and always read at ratio 1.
        Assert.False(model.Forward(src, scrambled, 1.0).Logits.allclose(model.Forward(src, tgtIn, 1.0).Logits));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward(src, tgtIn, 1.5));
    }

    [Fact]
    public void AttentionWeightsOfADecodedSentence()
    {
        using var scope = NewDisposeScope();
        using var model = Model("luong-general");
        var weights = model.AttentionWeights(tensor(new long[,] { { 4, 5, 2 } }), tensor(new long[,] { { 1, 6, 7, 8 } }));
        Assert.Equal(new long[] { 1, 4, 3 }, weights.shape);
        using var baseline = Model("none");
        Assert.Throws<InvalidOperationException>(() => baseline.AttentionWeights(tensor(Src), tensor(TgtIn)));
    }

    [Fact]
    public void ConfigValidationNamesTheField()
    {
        Assert.Contains("HiddenSize", Assert.Throws<ArgumentException>(() => (RnnConfig.Tiny with { HiddenSize = 7 }).Validate()).Message);
        Assert.Contains("Dropout", Assert.Throws<ArgumentException>(() => (RnnConfig.Tiny with { Dropout = 1.0 }).Validate()).Message);
        Assert.Contains("Attention", Assert.Throws<ArgumentException>(() => (RnnConfig.Tiny with { Attention = (RnnAttention)9 }).Validate()).Message);
        Assert.Same(RnnConfig.Base, RnnConfig.Base.Validate());
        Assert.Throws<ArgumentException>(() => new RnnSeq2Seq(RnnConfig.Tiny, 4, 10));
    }

    [Fact]
    public void BaseParameterCountMatchesAHandCount()
    {
        using var model = new RnnSeq2Seq(RnnConfig.Base, 8000, 8000);
        long e = 256, h = 512, a = 512, v = 8000;
        long Gru(long input, long hidden) => 3 * (input * hidden + hidden * hidden + 2 * hidden);
        long encoder = v * e + 2 * Gru(e, h / 2) + (h * h + h);                 // embedding, two directions, bridge
        long decoder = v * e + (h * a + h * a + a) + Gru(e + h, h) + ((h + h + e) * v + v);   // embedding, attention, cell, read-out
        Assert.Equal(encoder + decoder, model.parameters().Sum(p => p.numel()));
        Assert.Equal(17_890_112L, encoder + decoder);
    }
}
