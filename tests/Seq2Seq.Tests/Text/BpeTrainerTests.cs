using Seq2Seq.Text;

namespace Seq2Seq.Tests.Text;

public sealed class BpeTrainerTests
{
    // Sennrich et al. (2016), Algorithm 1's example corpus: low ×5, lower ×2, newest ×6, widest ×3.
    private static readonly Dictionary<string, int> Classic = new() { ["low"] = 5, ["lower"] = 2, ["newest"] = 6, ["widest"] = 3 };

    [Fact]
    public void MergesOnTheClassicCorpusMatchAHandComputation()
    {
        // Hand count: (e,s)=9 ties (s,t</w>)=9 → ordinal tie-break takes "e s"; then es t</w> (9); l o (7);
        // e w, ew est</w>, n ewest</w> (6 each, ordinal order); lo w</w> (5); then the best pair has 3 < 5: stop.
        var model = BpeTrainer.Train(Classic, new BpeTrainerOptions(VocabSize: 1000, MinPairFrequency: 5));
        Assert.Equal(new[] { ("e", "s"), ("es", "t</w>"), ("l", "o"), ("e", "w"), ("ew", "est</w>"), ("n", "ewest</w>"), ("lo", "w</w>") },
            model.Merges.ToArray());
        for (int i = 0; i < SpecialTokens.All.Count; i++) Assert.Equal(i, model.Vocabulary[SpecialTokens.All[i]]);
        Assert.Contains("newest</w>", model.Vocabulary.Keys);
    }

    [Fact]
    public void VocabSizeBoundsTheNumberOfMerges()
    {
        var full = BpeTrainer.Train(Classic, new BpeTrainerOptions(VocabSize: 1000, MinPairFrequency: 1));
        var alphabet = full.Vocabulary.Count - full.Merges.Count;
        var small = BpeTrainer.Train(Classic, new BpeTrainerOptions(VocabSize: alphabet + 3, MinPairFrequency: 1));
        Assert.Equal(3, small.Merges.Count);
        Assert.Equal(alphabet + 3, small.Vocabulary.Count);
        Assert.Equal(full.Merges.Take(3), small.Merges);   // greedy: a prefix of the longer run
    }

    [Fact]
    public void MicrosoftBpeTokenizerAppliesOurMerges()
    {
        var tok = SubwordTokenizer.FromModel(BpeTrainer.Train(Classic, new BpeTrainerOptions(VocabSize: 1000, MinPairFrequency: 5)));
        // l o w e s t</w> → (e,s) → (es,t</w>) → (l,o); "lo w" is not "lo w</w>", so w stays alone.
        Assert.Equal(new[] { "lo", "w", "est</w>" }, tok.Pieces("lowest"));
        Assert.Equal(new[] { "newest</w>", "low</w>" }, tok.Pieces("newest low"));
        Assert.Equal("lowest newest", tok.Decode(tok.Encode("  lowest \t newest ")));
    }

    [Fact]
    public void UnseenCharactersBecomeUnkNotNothing()
    {
        var tok = SubwordTokenizer.FromModel(BpeTrainer.Train(Classic, new BpeTrainerOptions(VocabSize: 1000, MinPairFrequency: 5)));
        var ids = tok.Encode("low zoo");
        Assert.Contains(SpecialTokens.Unk, ids);
        // z is unseen; o is known mid-word but "o</w>" is not. An <unk> decodes as "<unk>" plus a word boundary.
        Assert.Equal("low <unk> o<unk>", tok.Decode(ids));
    }

    [Fact]
    public void SaveAndLoadGiveTheSameTokenizer()
    {
        var model = BpeTrainer.Train(Classic, new BpeTrainerOptions(VocabSize: 1000, MinPairFrequency: 2));
        var dir = Path.Combine(Path.GetTempPath(), "bpe-" + Guid.NewGuid().ToString("N"));
        try
        {
            model.Save(dir);
            Assert.StartsWith("#version", File.ReadAllText(Path.Combine(dir, "merges.txt")));
            var loaded = SubwordTokenizer.Load(dir);
            var fromFiles = Microsoft.ML.Tokenizers.BpeTokenizer.Create(Path.Combine(dir, "vocab.json"), Path.Combine(dir, "merges.txt"),
                Microsoft.ML.Tokenizers.PreTokenizer.CreateWhiteSpace(), null, null, "<unk>", null, "</w>");
            var original = SubwordTokenizer.FromModel(model);
            foreach (var s in new[] { "lowest newest", "wider lows" })
            {
                Assert.Equal(original.Encode(s), loaded.Encode(s));
                Assert.Equal(original.Encode(s), fromFiles.EncodeToIds(s));
                Assert.Equal(fromFiles.Decode(original.Encode(s)), original.Decode(original.Encode(s)));   // same text as the library's decoder
            }
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
