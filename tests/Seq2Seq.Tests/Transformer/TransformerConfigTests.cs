using Seq2Seq.Layers;
using Seq2Seq.Transformer;

namespace Seq2Seq.Tests.Transformer;

[Collection("Sequential")]
public sealed class TransformerConfigTests
{
    [Fact]
    public void PresetsMatchTheirDescriptions()
    {
        var b = TransformerConfig.Base;
        Assert.Equal((6, 6, 512, 8, 2048, 0.1), (b.EncoderLayers, b.DecoderLayers, b.DModel, b.Heads, b.FeedForward, b.Dropout));
        var s = TransformerConfig.Small;
        Assert.Equal((3, 3, 256, 8, 1024, 0.1), (s.EncoderLayers, s.DecoderLayers, s.DModel, s.Heads, s.FeedForward, s.Dropout));
        var t = TransformerConfig.Tiny;
        Assert.Equal((2, 2, 32, 4, 64), (t.EncoderLayers, t.DecoderLayers, t.DModel, t.Heads, t.FeedForward));
        TransformerConfig.Small.WithVocab(100, 120).Validate();
        // Every preset: post-norm, sinusoidal positions, separate embeddings, output tied to the target embedding (§3.4).
        Assert.All(new[] { b, s, t }, c => Assert.Equal((false, PositionalEncodingKind.Sinusoidal, false, true),
            (c.PreNorm, c.Positions, c.ShareEmbeddings, c.TieOutput)));
        Assert.True(new TransformerConfig().TieOutput);
    }

    [Theory]
    [InlineData("SourceVocabSize")]
    [InlineData("Heads")]
    [InlineData("ShareEmbeddings")]
    [InlineData("Dropout")]
    public void ValidateNamesTheBadSetting(string setting)
    {
        var ok = TransformerConfig.Tiny.WithVocab(20, 30);
        var bad = setting switch
        {
            "SourceVocabSize" => TransformerConfig.Tiny,
            "Heads" => ok with { Heads = 5 },
            "ShareEmbeddings" => ok with { ShareEmbeddings = true },
            _ => ok with { Dropout = 1.0 },
        };
        var e = Assert.Throws<ArgumentException>(bad.Validate);
        Assert.Contains(setting, e.Message);
    }
    /// <summary>Each rule of Validate on both sides of its edge: the smallest valid value passes (the model builds),
    /// the first invalid one fails with the rule's own message. A mutation run found most edges unchecked.</summary>
    public static TheoryData<string, string> BadSettings => new()
    {
        { "TargetVocabSize", "TargetVocabSize (4) must exceed the 4 special tokens; use WithVocab(...)." },
        { "SourceVocabSize", "SourceVocabSize (4) must exceed the 4 special tokens; use WithVocab(...)." },
        { "EncoderLayers", "EncoderLayers and DecoderLayers must be ≥ 1 (got 0, 1)." },
        { "DecoderLayers", "EncoderLayers and DecoderLayers must be ≥ 1 (got 1, 0)." },
        { "Heads", "DModel (4) must be a multiple of Heads (0)." },
        { "DModel", "DModel (6) must be a multiple of Heads (4)." },
        { "OddDModel", "DModel (3) must be even (sinusoidal pairs)." },
        { "FeedForward", "FeedForward must be ≥ 1 (got 0)." },
        { "NegativeDropout", "Dropout must be in [0, 1) (got -0.01)." },
        { "MaxLength", "MaxLength must be ≥ 2 (got 1)." },
        { "ShareEmbeddings", "ShareEmbeddings needs one joint vocabulary, but SourceVocabSize = 5 and TargetVocabSize = 6." },
        { "Positions", "Positions has an unknown value (9)." },
    };

    private static readonly TransformerConfig Smallest = new()
    {
        SourceVocabSize = 5, TargetVocabSize = 6, EncoderLayers = 1, DecoderLayers = 1, DModel = 4, Heads = 1,
        FeedForward = 1, Dropout = 0.0, MaxLength = 2,
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void EveryRuleRefusesTheFirstValuePastItsEdge(string setting, string message)
    {
        var bad = setting switch
        {
            "TargetVocabSize" => Smallest with { TargetVocabSize = 4 },
            "SourceVocabSize" => Smallest with { SourceVocabSize = 4 },
            "EncoderLayers" => Smallest with { EncoderLayers = 0 },
            "DecoderLayers" => Smallest with { DecoderLayers = 0 },
            "Heads" => Smallest with { Heads = 0 },
            "DModel" => Smallest with { DModel = 6, Heads = 4 },
            "OddDModel" => Smallest with { DModel = 3, Heads = 1 },
            "FeedForward" => Smallest with { FeedForward = 0 },
            "NegativeDropout" => Smallest with { Dropout = -0.01 },
            "MaxLength" => Smallest with { MaxLength = 1 },
            "ShareEmbeddings" => Smallest with { ShareEmbeddings = true },
            _ => Smallest with { Positions = (PositionalEncodingKind)9 },
        };
        var e = Assert.Throws<ArgumentException>(bad.Validate);
        Assert.Equal($"TransformerConfig: {message}", e.Message);
    }

    [Fact]
    public void TheSmallestValidConfigurationBuildsAModel()
    {
        Smallest.Validate();
        (Smallest with { Dropout = 0.999 }).Validate();
        (Smallest with { SourceVocabSize = 6, ShareEmbeddings = true }).Validate();
        using var model = new TransformerModel(Smallest);
        Assert.True(model.ParameterCount > 0);
        using var shared = new TransformerModel(Smallest with { SourceVocabSize = 6, ShareEmbeddings = true });
        using var separate = new TransformerModel(Smallest with { SourceVocabSize = 6 });
        Assert.Equal(separate.ParameterCount - 6 * 4, shared.ParameterCount);                     // one [V, D] embedding less
    }
}
