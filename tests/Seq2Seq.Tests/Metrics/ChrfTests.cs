using Seq2Seq.Metrics;

namespace Seq2Seq.Tests.Metrics;

/// <summary>Expected values from mjpost/sacrebleu test/test_chrf.py and the README (2.x), to 1e-4.</summary>
public sealed class ChrfTests
{
    [Theory]   // test_chrf.py test_cases: beta 3, eps smoothing
    [InlineData("abcdefg", "hijklmnop", 0.0)]
    [InlineData("a", "b", 0.0)]
    [InlineData("", "b", 0.0)]
    [InlineData("", "ref", 0.0)]
    [InlineData("", "reference", 0.0)]
    [InlineData("aa", "ab", 8.3333)]
    [InlineData("a", "a", 16.6667)]
    [InlineData("a b c", "a b c", 50.0)]
    [InlineData("a b c", "abc", 50.0)]
    [InlineData(" risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .",
        "risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .", 63.361730)]
    [InlineData(" Die    Beziehung zwischen  Obama und Netanjahu ist nicht gerade  freundlich. ",
        "Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.", 64.1302698)]
    [InlineData("Niemand hat die Absicht, eine Mauer zu errichten", "Niemand hat die Absicht, eine Mauer zu errichten", 100.0)]
    public void EpsSmoothing(string hyp, string reference, double expected) =>
        Assert.Equal(expected, new Chrf(beta: 3, epsSmoothing: true).Corpus([hyp], [reference]).Score, 1e-4);

    /// <summary>An empty reference (sacreBLEU 2.4.3 refuses it): chrf.py's <c>_get_match_statistics</c> counts no
    /// hypothesis n-grams where the reference has none ("Don't count hits if no reference exists"), so the segment
    /// adds [0, 0, 0] for every order and the corpus scores as if it were not there.</summary>
    [Fact]
    public void EmptyReferenceAddsNothingToTheCorpusStatistics()
    {
        string[] hyps = ["The cat sat on a mat.", "Hello there."], refs = ["The cat sat on the mat.", ""];
        var without = new Chrf().Corpus(hyps[..1], refs[..1]).Score;
        Assert.InRange(without, 1, 99);
        Assert.Equal(without, new Chrf().Corpus(hyps, refs).Score, 1e-12);
        Assert.Equal(0.0, new Chrf().Corpus(["Hello there."], [""]).Score);
    }

    [Fact]   // test_chrf.py: (["a", "b"], ["a", "c"]) → 8.3333 with eps smoothing, 50.0 with effective order
    public void TwoSegmentCorpus()
    {
        Assert.Equal(8.3333, new Chrf(beta: 3, epsSmoothing: true).Corpus(["a", "b"], ["a", "c"]).Score, 1e-4);
        Assert.Equal(50.0, new Chrf(beta: 3).Corpus(["a", "b"], ["a", "c"]).Score, 1e-4);
    }

    [Theory]   // test_chrf.py test_cases_effective_order (sacreBLEU's default, "eff:yes")
    [InlineData("a", "a", 100.0)]
    [InlineData("", "reference", 0.0)]
    [InlineData("a b c", "a b c", 100.0)]
    [InlineData("a b c", "abc", 100.0)]
    [InlineData("", "c", 0.0)]
    [InlineData("aa", "ab", 25.0)]
    public void EffectiveOrder(string hyp, string reference, double expected) =>
        Assert.Equal(expected, new Chrf(beta: 3).Corpus([hyp], [reference]).Score, 1e-4);

    [Theory]   // test_chrf.py test_cases_keep_whitespace
    [InlineData("Die Beziehung zwischen Obama und Netanjahu ist nicht gerade freundlich.",
        "Das Verhältnis zwischen Obama und Netanyahu ist nicht gerade freundschaftlich.", 67.3481606)]
    [InlineData("risk assessment must be made of those who are qualified and expertise in the sector - these are the scientists .",
        "risk assessment has to be undertaken by those who are qualified and expert in that area - that is the scientists .", 65.2414427)]
    public void KeepWhitespace(string hyp, string reference, double expected) =>
        Assert.Equal(expected, new Chrf(beta: 3, whitespace: true).Corpus([hyp], [reference]).Score, 1e-4);

    [Theory]   // test_chrf.py test_sentence_level_chrf: default beta 2, eps smoothing
    [InlineData("Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.",
        "Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře.", 39.14078509)]
    [InlineData("Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.",
        "A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři.", 31.22557079)]
    [InlineData("Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.",
        "Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli.", 57.15704367)]
    public void SentenceLevel(string hyp, string reference, double expected) =>
        Assert.Equal(expected, new Chrf(epsSmoothing: true).Sentence(hyp, reference).Score, 1e-4);

    [Fact]   // README: chrF2 of the BLEU example with two references, and the signature format
    public void ReadmeExample()
    {
        string[] hyps = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];
        string[] r1 = ["The dog bit the man.", "It was not unexpected.", "The man bit him first."];
        string[] r2 = ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."];
        Assert.Equal("chrF2 = 59.73", new Chrf().Corpus(hyps, r1, r2).ToString());
        Assert.Equal("nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.4.3", new Chrf().Signature());
    }

    // The tests below close survivors of the Stryker run on Metrics (docs/testing.md, "Mutation testing").

    /// <summary>chrF++ (word order 2): the expectation comes from an independent script of sacreBLEU 2.x's chrf.py
    /// (char n-grams 1..6 without whitespace, word uni- and bigrams after its punctuation split: a one-character word
    /// stays, a trailing mark splits off, else a leading one; "(sat)" gives "(sat" and ")", sacreBLEU issue #124).</summary>
    [Fact]
    public void ChrfPlusPlusAddsWordNgramsAfterThePunctuationSplit()
    {
        var chrfpp = new Chrf(wordOrder: 2);
        Assert.Equal(32.859576753786, chrfpp.Sentence("The cat (sat) on a mat.", "The (cat) sat on the mat .").Score, 1e-9);
        // a leading mark splits off where no trailing one does: "(sat" gives "(" and "sat"; "said:" gives "said" and ":"
        Assert.Equal(36.313516744411686, chrfpp.Sentence("He said (sat on a mat.", "he said: sat on (the mat").Score, 1e-9);
        Assert.Equal(32.47749740516253, chrfpp.Corpus(["The cat (sat) on a mat.", "a dog, barks"],
            ["The (cat) sat on the mat .", "the dog barks !"]).Score, 1e-9);
        Assert.Equal("chrF2++ = 32.48", chrfpp.Corpus(["The cat (sat) on a mat.", "a dog, barks"],
            ["The (cat) sat on the mat .", "the dog barks !"]).ToString());
    }

    /// <summary>Orders the hypothesis has no n-grams of are left out of the average: "ab" against "abc" has 1- and
    /// 2-grams only, P = (1 + 1) / 2, R = (2/3 + 1/2) / 2 = 7/12, chrF2 = 5 P R / (4 P + R) = 7/11.</summary>
    [Fact]
    public void OrdersMissingFromTheHypothesisAreNotAveraged() =>
        Assert.Equal(700.0 / 11, new Chrf().Sentence("ab", "abc").Score, 1e-9);

    [Fact]
    public void SignatureNamesEveryOption()
    {
        Assert.Equal("nrefs:var|case:lc|eff:no|nc:6|nw:2|space:yes|version:2.4.3",
            new Chrf(wordOrder: 2, lowercase: true, whitespace: true, epsSmoothing: true).Signature(-1));
        Assert.Equal("nrefs:0|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.4.3", new Chrf().Signature(0));
    }

    [Fact]
    public void ReferenceStreamsOfAnotherLengthAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Chrf().Corpus(["a", "b"], ["a"]));
        Assert.Contains("2 hypotheses but reference stream 1 has 1 lines", e.Message);
        Assert.Contains("no reference stream given", Assert.Throws<ArgumentException>(() => new Chrf().Corpus(["a"])).Message);
    }

    /// <summary>Of two references that score a segment equally, sacreBLEU keeps the first (strict &gt;): "aaaa"
    /// scores 20.83 against "ab" and against "aba", with different statistics, so the corpus score depends on which is
    /// kept (values from the script of <see cref="ChrfPlusPlusAddsWordNgramsAfterThePunctuationSplit"/>).</summary>
    [Fact]
    public void OfEquallyGoodReferencesTheFirstIsKept()
    {
        var chrf = new Chrf();
        Assert.Equal(chrf.Sentence("aaaa", "ab").Score, chrf.Sentence("aaaa", "aba").Score);
        Assert.Equal(34.09090909090909, chrf.Corpus(["aaaa", "ab"], ["ab", "ba"], ["aba", "ba"]).Score, 1e-9);
        Assert.Equal(25.64102564102564, chrf.Corpus(["aaaa", "ab"], ["aba", "ba"], ["ab", "ba"]).Score, 1e-9);
    }
}
