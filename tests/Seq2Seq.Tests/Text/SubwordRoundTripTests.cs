using Seq2Seq.Data;
using Seq2Seq.Text;

namespace Seq2Seq.Tests.Text;

/// <summary>The guarantee of <see cref="SubwordTokenizer"/>: Decode(Encode(s)) == Normalize(s) (whitespace runs
/// collapsed to one space, ends trimmed) for every sentence whose characters were seen in training.</summary>
public sealed class SubwordRoundTripTests
{
    [Fact]
    public void RoundTripsTheFirst2000Multi30kTrainingPairs()
    {
        var offline = new DataSource(AllowDownload: false);   // the mirror or the cache, never the network
        var de = Multi30k.ReadSentences(Multi30kSplit.Train, "de", offline).Take(2000).ToList();
        var en = Multi30k.ReadSentences(Multi30kSplit.Train, "en", offline).Take(2000).ToList();
        var tok = SubwordTokenizer.FromModel(BpeTrainer.Train(de.Concat(en), new BpeTrainerOptions(VocabSize: 3000)));
        int tokens = 0;
        foreach (var s in de.Concat(en))
        {
            var ids = tok.Encode(s);
            Assert.DoesNotContain(SpecialTokens.Unk, ids);
            Assert.Equal(SubwordTokenizer.Normalize(s), tok.Decode(ids));
            tokens += ids.Length;
        }
        var words = de.Concat(en).Sum(s => Vocabulary.Tokenize(s).Length);
        Assert.InRange(tokens, words, 2 * words);   // subwords: at least one per word, not characters
    }

    [Fact]
    public void RoundTripsThePhrasebook()
    {
        var book = ParallelCorpus.LoadTsv(Path.Combine(TestPaths.Datasets, "phrasebook", "en-de.tsv"));
        var tok = SubwordTokenizer.FromModel(BpeTrainer.Train(book.Sources.Concat(book.Targets), new BpeTrainerOptions(VocabSize: 600)));
        foreach (var s in book.Sources.Concat(book.Targets))
            Assert.Equal(SubwordTokenizer.Normalize(s), tok.Decode(tok.Encode(s)));
    }

    [Fact]
    public void DecodeStopsAtEosAndSkipsPaddingAndBos()
    {
        var tok = SubwordTokenizer.FromModel(BpeTrainer.Train(["ein Haus", "das Haus"], new BpeTrainerOptions(VocabSize: 100, MinPairFrequency: 1)));
        var ids = tok.Encode("das Haus");
        int[] framed = [SpecialTokens.Bos, .. ids, SpecialTokens.Eos, .. tok.Encode("ein"), SpecialTokens.Pad];
        Assert.Equal("das Haus", tok.Decode(framed));
    }
}
