using Seq2Seq.Metrics;

namespace Seq2Seq.Tests.Metrics;

/// <summary>Expected values are sacreBLEU's own: test/test_bleu.py, test/test_sentence_bleu.py and the README of
/// mjpost/sacrebleu (2.x), required to agree to 0.01 BLEU (most agree to 1e-6).</summary>
public sealed class BleuTests
{
    private const double Tol = 0.01;

    // test_bleu.py / README example: three hypotheses, two reference streams.
    private static readonly string[] Hyps = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];
    private static readonly string[] Refs1 = ["The dog bit the man.", "It was not unexpected.", "The man bit him first."];
    private static readonly string[] Refs2 = ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."];

    [Theory]   // test_bleu.py test_corpus_bleu_cases
    [InlineData("13a", BleuSmoothing.Exp, 48.530827)]
    [InlineData("none", BleuSmoothing.Exp, 49.1919566)]
    [InlineData("13a", BleuSmoothing.None, 48.530827)]
    public void CorpusBleuMatchesSacreBleu(string tokenize, BleuSmoothing smoothing, double expected) =>
        Assert.Equal(expected, new Bleu(tokenize: tokenize, smoothing: smoothing).Corpus(Hyps, Refs1, Refs2).Score, 1e-6);

    [Fact]   // README: the full text line
    public void FormatsLikeSacreBleu()
    {
        var bleu = new Bleu();
        Assert.Equal("BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)", bleu.Corpus(Hyps, Refs1, Refs2).ToString());
        Assert.Equal("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.3", bleu.Signature(2));
    }

    [Fact]   // README "Variable Number of References": an empty reference is a missing one
    public void VariableNumberOfReferences()
    {
        string[] refs1 = ["", .. Refs1[1..]];
        Assert.Equal("BLEU = 29.44 82.4/42.9/27.3/12.5 (BP = 0.889 ratio = 0.895 hyp_len = 17 ref_len = 19)",
            new Bleu().Corpus(Hyps, refs1, Refs2).ToString());
        Assert.StartsWith("nrefs:var|", new Bleu().Signature(-1));
    }

    [Fact]   // test_bleu.py: "ensure that empty hypotheses are not removed"
    public void EmptyHypothesesScoreZeroAndCountAsLengthZero()
    {
        var score = new Bleu().Corpus(["", "", ""], Refs1, Refs2);
        Assert.Equal(0.0, score.Score);
        Assert.Equal(0, score.HypLength);
        Assert.Equal(0.0, score.BrevityPenalty);
    }

    [Fact]
    public void EmptyCorpusAndMismatchedStreamsAreErrors()
    {
        Assert.Contains("empty corpus", Assert.Throws<ArgumentException>(() => new Bleu().Corpus([], (IReadOnlyList<string>)[])).Message);
        Assert.Contains("3 hypotheses but reference stream 1 has 2", Assert.Throws<ArgumentException>(() => new Bleu().Corpus(Hyps, Refs1[..2])).Message);
    }

    /// <summary>A segment whose only reference is empty (sacreBLEU 2.4.3 itself stops there with "Empty or `None`
    /// reference sentence found."): scored with the statistics sacreBLEU's bleu.py gives an empty reference string,
    /// i.e. ref_len += 0, hypothesis n-grams counted in the totals, no matches. By hand, 13a tokens:
    /// "The dog bit the man ." (6, all matching) and "Hello there ." (3, against nothing): hyp_len 9, ref_len 6,
    /// precisions 6/9, 5/7, 4/5, 3/3, BP 1, BLEU = (6/9 · 5/7 · 4/5 · 3/3)^¼ = 78.5629.</summary>
    [Fact]
    public void EmptyReferenceCountsAsAReferenceOfLengthZero()
    {
        var score = new Bleu().Corpus(["The dog bit the man.", "Hello there."], ["The dog bit the man.", ""]);
        Assert.Equal(78.56293018, score.Score, 1e-6);
        Assert.Equal("BLEU = 78.56 66.7/71.4/80.0/100.0 (BP = 1.000 ratio = 1.500 hyp_len = 9 ref_len = 6)", score.ToString());
        // Two streams, both empty at segment 2: one empty reference there, two at segment 1 → nrefs:var.
        var two = new Bleu().Corpus(["The dog bit the man.", "Hello there."], ["The dog bit the man.", ""], ["The dog bit a man.", ""]);
        Assert.Equal(score.ToString(), two.ToString());                // the closest reference length at segment 1 is still 6
        Assert.Equal(-1, SacreBleu.ReferenceCount(["The dog bit the man.", ""], ["The dog bit a man.", ""]));
        Assert.Equal(1, SacreBleu.ReferenceCount(["The dog bit the man.", ""]));
        Assert.Equal(2, SacreBleu.ReferenceCount(Refs1, Refs2));
        Assert.Equal(-1, SacreBleu.ReferenceCount(["", .. Refs1[1..]], Refs2));   // README's variable-reference case
        // Only empty references: all hypothesis n-grams unmatched → 0, and ref_len 0 means no brevity penalty.
        var none = new Bleu().Corpus(["a b"], [""]);
        Assert.Equal((0.0, 2, 0, 1.0), (none.Score, none.HypLength, none.RefLength, none.BrevityPenalty));
    }

    [Theory]   // test_bleu.py test_bleu_max_order
    [InlineData(1, "77.65")]
    [InlineData(2, "60.50")]
    [InlineData(3, "53.93")]
    [InlineData(4, "48.53")]
    [InlineData(5, "46.14")]
    [InlineData(6, "43.28")]
    public void MaxNgramOrder(int order, string expected) =>
        Assert.Equal(expected, new Bleu(maxNgramOrder: order).Corpus(Hyps, Refs1, Refs2).Score.ToString("F2", System.Globalization.CultureInfo.InvariantCulture));

    // sacreBLEU's raw_corpus_bleu: floor smoothing, tokenize none, effective order.
    private static double Raw(string hyp, string reference, double floor = 0.01) =>
        new Bleu(tokenize: "none", smoothing: BleuSmoothing.Floor, smoothValue: floor, effectiveOrder: true).Corpus([hyp], [reference]).Score / 100;

    [Theory]   // test_bleu.py test_raw_bleu_cases and test_case_effective_order
    [InlineData("this is a test", "this is a test", 1.0)]
    [InlineData("this is a fest", "this is a test", 0.223606797749979)]
    [InlineData("test", "a test", 0.3678794411714425)]
    [InlineData("a test", "a test", 1.0)]
    [InlineData("a little test", "a test", 0.03218297948685433)]
    public void RawCorpusBleu(string hyp, string reference, double expected) => Assert.Equal(expected, Raw(hyp, reference), 1e-8);

    [Fact]   // test_bleu.py: ["this is a test", "another test"] vs ["ref1", "ref2"] → 0 (no matches at all, #141)
    public void NoMatchesAtAllIsZero() =>
        Assert.Equal(0.0, new Bleu(tokenize: "none", smoothing: BleuSmoothing.Floor, smoothValue: 0.01, effectiveOrder: true)
            .Corpus(["this is a test", "another test"], ["ref1", "ref2"]).Score);

    [Fact]   // test_bleu.py test_case_statistics and test_offset
    public void StatisticsAndFloorOffset()
    {
        var s = new Bleu(tokenize: "none", smoothing: BleuSmoothing.Floor, smoothValue: 0.01, effectiveOrder: true)
            .Corpus(["am I am a character sequence"], ["I am a symbol string sequence a a"]);
        Assert.Equal(new[] { 4, 2, 1, 0 }, s.Counts);
        Assert.Equal(new[] { 6, 5, 4, 3 }, s.Totals);
        Assert.Equal(0.0, Raw("am I am a character sequence", "I am a symbol string sequence a a", 0.0), 1e-8);
        Assert.Equal(0.1555722182, Raw("am I am a character sequence", "I am a symbol string sequence a a", 0.1), 1e-8);
    }

    [Fact]   // test_bleu.py test_case_scoring and test_degenerate_statistics
    public void ScoringFromStatistics()
    {
        Assert.Equal(0.8375922397, Bleu.Compute([9, 7, 5, 3], [10, 8, 6, 4], 11, 11, BleuSmoothing.None).Score / 100, 1e-8);
        Assert.Equal(0.0, Bleu.Compute([0, 0, 0, 0], [4, 4, 2, 1], 0, 1, BleuSmoothing.Floor, 0.0).Score);
        Assert.Equal(0.0, Bleu.Compute([0, 0, 0, 0], [10, 11, 12, 0], 14, 10, BleuSmoothing.Floor, 0.0).Score);
        Assert.Equal(0.0, Bleu.Compute([0, 0, 0, 0], [0, 0, 0, 0], 0, 0, BleuSmoothing.Floor, 0.0).Score);
        Assert.Equal(0.0, Bleu.Compute([6, 5, 4, 0], [6, 5, 4, 3], 6, 6, BleuSmoothing.Floor, 0.0).Score, 1e-300);
        Assert.Equal(0.0, Bleu.Compute([0, 0, 0, 0], [0, 0, 0, 0], 1, 5, BleuSmoothing.Floor, 0.01).Score);
    }

    // test_sentence_bleu.py (example from sacreBLEU issue #98), effective order on.
    private const string Ref98 = "producţia de zahăr brut se exprimă în zahăr alb;";
    private const string Sys98 = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;";

    [Theory]
    [InlineData(BleuSmoothing.Exp, null, "13a", 8.493)]
    [InlineData(BleuSmoothing.None, null, "13a", 0.0)]
    [InlineData(BleuSmoothing.Floor, null, "13a", 4.51688)]
    [InlineData(BleuSmoothing.Floor, 0.5, "13a", 10.10)]
    [InlineData(BleuSmoothing.AddK, null, "13a", 14.882)]
    [InlineData(BleuSmoothing.AddK, 2.0, "13a", 21.389)]
    [InlineData(BleuSmoothing.Exp, null, "none", 7.347)]
    public void SentenceBleuWithNonAsciiText(BleuSmoothing smoothing, double? value, string tokenize, double expected) =>
        Assert.Equal(expected, new Bleu(tokenize: tokenize, smoothing: smoothing, smoothValue: value, effectiveOrder: true).Sentence(Sys98, Ref98).Score, 1e-3);

    [Fact]   // test_sentence_bleu.py test_cases_zero_bleu (#141)
    public void SentenceWithoutMatchesIsZeroForEverySmoothing()
    {
        foreach (var s in Enum.GetValues<BleuSmoothing>())
            Assert.Equal(0.0, new Bleu(smoothing: s, effectiveOrder: true).Sentence("this is a cat", "okay thanks").Score);
    }

    [Fact]   // hand-computed: lowercasing changes only the case of the match
    public void LowercaseOption()
    {
        Assert.Equal(100.0, new Bleu(lowercase: true).Corpus(["THE CAT SAT ON THE MAT"], ["the cat sat on the mat"]).Score, 1e-9);
        Assert.True(new Bleu().Corpus(["THE CAT SAT ON THE MAT"], ["the cat sat on the mat"]).Score < 1);
        Assert.StartsWith("nrefs:1|case:lc|", new Bleu(lowercase: true).Signature());
    }

    // The tests below close survivors of the Stryker run on Metrics (docs/testing.md, "Mutation testing").

    [Fact]   // sacreBLEU's signature: smooth method, with its value to two decimals where it takes one
    public void SignatureNamesSmoothingAndEffectiveOrder()
    {
        Assert.Equal("nrefs:1|case:mixed|eff:yes|tok:none|smooth:none|version:2.4.3",
            new Bleu(tokenize: "none", smoothing: BleuSmoothing.None, effectiveOrder: true).Signature());
        Assert.Contains("|smooth:floor[0.10]|", new Bleu(smoothing: BleuSmoothing.Floor).Signature());
        Assert.Contains("|smooth:floor[0.25]|", new Bleu(smoothing: BleuSmoothing.Floor, smoothValue: 0.25).Signature());
        Assert.Contains("|smooth:add-k[1.00]|", new Bleu(smoothing: BleuSmoothing.AddK).Signature());
        Assert.Contains("|smooth:add-k[2.00]|", new Bleu(smoothing: BleuSmoothing.AddK, smoothValue: 2).Signature());
        Assert.StartsWith("nrefs:0|", new Bleu().Signature(0));
    }

    [Fact]
    public void AnUnknownTokenizerIsNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => new Bleu(tokenize: "intl"));
        Assert.Contains("unknown BLEU tokenizer 'intl' (supported: 13a, none)", e.Message);
    }

    [Fact]   // sacreBLEU prints ratio 0 when the references have no tokens
    public void RatioIsZeroWithoutReferenceTokens()
    {
        Assert.Equal(0, new BleuScore(0, [0, 0, 0, 0], [3, 2, 1, 0], [0, 0, 0, 0], 1, 3, 0).Ratio);
        Assert.Equal(1.5, new BleuScore(0, [0, 0, 0, 0], [3, 2, 1, 0], [0, 0, 0, 0], 1, 3, 2).Ratio);
    }
}
