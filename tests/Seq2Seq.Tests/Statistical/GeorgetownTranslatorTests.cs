using Seq2Seq.Statistical;

namespace Seq2Seq.Tests.Statistical;

public sealed class GeorgetownTranslatorTests
{
    private static string Dir => Path.Combine(TestPaths.Datasets, "georgetown");

    [Fact]
    public void EveryDemoSentenceTranslatesAsRecorded()
    {
        var translator = GeorgetownTranslator.Load(Dir);
        var sentences = GeorgetownTranslator.LoadSentences(Dir);
        Assert.True(sentences.Count >= 20);
        Assert.Contains(sentences, s => s.Origin == "1954");
        foreach (var (ru, en, _) in sentences) Assert.Equal(en, translator.Translate(ru));
    }

    [Fact]
    public void RulesFireOnlyInTheirContext()
    {
        var t = GeorgetownTranslator.Load(Dir);
        Assert.Equal("Angle is measured in degrees.", t.Translate("Ugol izmyeryayetsya v gradusax."));     // choice: default
        Assert.Equal("Coal is extracted from mines.", t.Translate("Ugol dobivayetsya iz shaxt."));        // choice: next word
        Assert.Equal("Metal is heated quickly enough.", t.Translate("Myetall nagryevayetsya dostatochno bistro.")); // inversion
        Assert.Equal("We transmit thoughts by means of [telepatiyu].", t.Translate("Mi pyeryedayem mislyi posryedstvom telepatiyu."));
    }
}
