using Seq2Seq.Data;
using Seq2Seq.Statistical;

namespace Seq2Seq.Tests.Statistical;

public sealed class IbmModel1Tests
{
    // The classic toy corpus (Koehn, Statistical Machine Translation, ch. 4).
    private static readonly SentencePair[] Toy = [new("das Haus", "the house"), new("das Buch", "the book"), new("ein Buch", "a book")];

    [Fact]
    public void FirstIterationMatchesAHandComputation()
    {
        var m = new IbmModel1(Toy);
        // Uniform start: t = 1/4 (4 target words). Every pair has l+1 = 3 sources (NULL, w1, w2), so each link
        // gets 1/3 of each target word. c(das, the) = 1/3 + 1/3; total(das) = 4 links × 1/3 = 4/3 → t = 1/2.
        m.Iterate();
        Assert.Equal(0.5, m.T("the", "das"), 12);
        Assert.Equal(0.25, m.T("house", "das"), 12);
        // NULL: 6 links × 1/3 = 2; c(NULL, the) = 2/3 → t = 1/3.
        Assert.Equal(1.0 / 3, m.T("the", IbmModel1.NullWord), 12);
    }

    [Fact]
    public void LearnsTheExpectedTranslationsAndAlignments()
    {
        var m = new IbmModel1(Toy);
        m.Train(20);
        Assert.Equal("the", m.Translations("das", 1)[0].Target);
        Assert.Equal("book", m.Translations("Buch", 1)[0].Target);
        Assert.Equal("house", m.Translations("Haus", 1)[0].Target);
        Assert.Equal("a", m.Translations("ein", 1)[0].Target);
        Assert.True(m.T("the", "das") > 0.5);
        Assert.Equal(new[] { 1, 2 }, m.ViterbiAlignment(["das", "Haus"], ["the", "house"]));
        Assert.Equal(new[] { 1, 2 }, m.ViterbiAlignment(["ein", "Buch"], ["a", "book"]));
        var p = m.AlignmentProbabilities(["das", "Buch"], ["the", "book"]);
        for (int j = 0; j < 2; j++) Assert.Equal(1.0, p[j, 0] + p[j, 1] + p[j, 2], 12);
    }

    [Fact]
    public void LogLikelihoodNeverDecreasesOnThePhrasebook()
    {
        var book = ParallelCorpus.LoadTsv(Path.Combine(TestPaths.Datasets, "phrasebook", "en-de.tsv"));
        var m = new IbmModel1(book.Pairs.Select(p => new SentencePair(p.Target, p.Source)));   // German source
        var ll = new List<double> { m.LogLikelihood() };
        ll.AddRange(m.Train(10));
        for (int i = 1; i < ll.Count; i++) Assert.True(ll[i] >= ll[i - 1] - 1e-9, $"iteration {i}: {ll[i - 1]} → {ll[i]}");
        Assert.True(ll[^1] > ll[0] + 100, $"EM should improve the fit a lot: {ll[0]} → {ll[^1]}");
    }
}
