using Seq2Seq.Text;

namespace Seq2Seq.Tests.Text;

public sealed class VocabularyTests
{
    [Fact]
    public void SpecialsFirstThenByFrequencyThenOrdinal()
    {
        var v = Vocabulary.Build(["b a a", "c a b", "d"], minFrequency: 1);
        Assert.Equal(new[] { "<pad>", "<s>", "</s>", "<unk>", "a", "b", "c", "d" }, v.Tokens);
        var frequent = Vocabulary.Build(["b a a", "c a b", "d"], minFrequency: 2);
        Assert.Equal(new[] { "<pad>", "<s>", "</s>", "<unk>", "a", "b" }, frequent.Tokens);
        Assert.Equal(new[] { 4, SpecialTokens.Unk, 5 }, frequent.Encode("a zebra b"));
        Assert.Equal(5, Vocabulary.Build(["b a a", "c a b", "d"], maxSize: 5).VocabSize);
    }

    [Fact]
    public void DecodeStopsAtEosAndSkipsPadAndBos()
    {
        var v = Vocabulary.Build(["the house is big"]);
        int[] ids = [SpecialTokens.Bos, .. v.Encode("the house"), SpecialTokens.Eos, .. v.Encode("big"), SpecialTokens.Pad];
        Assert.Equal("the house", v.Decode(ids));
    }

    [Fact]
    public void SaveLoadRoundTripAndValidation()
    {
        var v = Vocabulary.Build(["Grüße aus Köln", "aus Berlin"]);
        var path = Path.GetTempFileName();
        try
        {
            v.Save(path);
            Assert.Equal(v.Tokens, Vocabulary.Load(path).Tokens);
        }
        finally { File.Delete(path); }
        Assert.Contains("must start with", Assert.Throws<ArgumentException>(() => Vocabulary.FromTokens(["a", "<s>"])).Message);
        Assert.Contains("duplicate", Assert.Throws<ArgumentException>(() => Vocabulary.FromTokens([.. SpecialTokens.All, "x", "x"])).Message);
    }
}
