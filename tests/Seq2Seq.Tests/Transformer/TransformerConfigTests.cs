using Seq2Seq.Transformer;

namespace Seq2Seq.Tests.Transformer;

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
}
