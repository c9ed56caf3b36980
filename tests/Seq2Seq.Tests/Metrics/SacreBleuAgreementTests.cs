using System.Globalization;
using Seq2Seq.Data;
using Seq2Seq.Metrics;
using Xunit.Abstractions;

namespace Seq2Seq.Tests.Metrics;

/// <summary>Our BLEU / chrF2 against numbers produced by running sacreBLEU itself (the Python source of
/// mjpost/sacrebleu 2.x, run offline) on the corpora in <c>Metrics/SacreBleuAgreement/</c>; the numbers are frozen
/// in <c>expected.tsv</c> there. How they were made: docs/metrics.md, "Checked against sacreBLEU itself".</summary>
public sealed class SacreBleuAgreementTests(ITestOutputHelper output)
{
    private const double Tol = 0.01;

    private static string Folder => Path.Combine(TestPaths.Root, "tests", "Seq2Seq.Tests", "Metrics", "SacreBleuAgreement");

    /// <summary>One row of expected.tsv: corpus, metric (bleu/chrf), case (mixed/lc), number of reference files,
    /// the score as printed, the full-precision score (Python repr) and sacreBLEU's printed score line.</summary>
    private sealed record Expected(string Corpus, string Metric, bool Lowercase, int RefCount, string Score, double ScoreFull, string Line);

    private static List<Expected> ReadExpected() =>
        File.ReadAllLines(Path.Combine(Folder, "expected.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("corpus\t", StringComparison.Ordinal))
            .Select(l => l.Split('\t'))
            .Select(f => new Expected(f[0], f[1], f[2] == "lc", int.Parse(f[3], CultureInfo.InvariantCulture), f[4],
                double.Parse(f[5], CultureInfo.InvariantCulture), f[6]))
            .ToList();

    // The workbook CLI's reading: UTF-8, '\n' line ends, a trailing '\r' dropped.
    private static List<string> Lines(string file) =>
        CorpusFile.ReadLines(Path.Combine(Folder, file)).Select(l => l.Text ?? throw new InvalidDataException($"{file}:{l.Line}: not UTF-8")).ToList();

    private static (double Score, string Line) Ours(Expected e)
    {
        var hyps = Lines(e.Corpus + ".hyp");
        var refs = Enumerable.Range(1, e.RefCount).Select(i => (IReadOnlyList<string>)Lines(e.Corpus + (i == 1 ? ".ref" : $".ref{i}"))).ToArray();
        if (e.Metric == "bleu")
        {
            var s = new Bleu(lowercase: e.Lowercase).Corpus(hyps, refs);
            return (s.Score, s.ToString());
        }
        var c = new Chrf(lowercase: e.Lowercase).Corpus(hyps, refs);
        return (c.Score, c.ToString());
    }

    [Fact]
    public void EveryCorpusAgreesWithSacreBleu()
    {
        var expected = ReadExpected();
        Assert.Equal(8 * 4, expected.Count);   // 8 corpora × {BLEU, chrF2} × {cased, lowercased}
        double maxBleu = 0, maxChrf = 0;
        var failures = new List<string>();
        foreach (var e in expected)
        {
            var (score, line) = Ours(e);
            double diff = Math.Abs(score - e.ScoreFull);
            if (e.Metric == "bleu") maxBleu = Math.Max(maxBleu, diff); else maxChrf = Math.Max(maxChrf, diff);
            if (diff > Tol) failures.Add($"{e.Corpus} {e.Metric} {(e.Lowercase ? "lc" : "mixed")}: ours {score:R}, sacreBLEU {e.ScoreFull:R}");
            if (line != e.Line) failures.Add($"{e.Corpus} {e.Metric} {(e.Lowercase ? "lc" : "mixed")}: ours '{line}', sacreBLEU '{e.Line}'");
            if (score.ToString("F2", CultureInfo.InvariantCulture) != e.Score) failures.Add($"{e.Corpus} {e.Metric}: printed score {score:F2} vs {e.Score}");
        }
        output.WriteLine($"max |ours - sacreBLEU|: BLEU {maxBleu:G3}, chrF2 {maxChrf:G3}");
        Assert.Empty(failures);
    }

    [Fact]
    public void EveryCorpusFileIsScored()
    {
        var corpora = ReadExpected().Select(e => e.Corpus).ToHashSet();
        var onDisk = Directory.GetFiles(Folder, "*.hyp").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.Equal(onDisk.Order(), corpora.Order());
        foreach (var e in ReadExpected())
            Assert.Equal(e.RefCount, Directory.GetFiles(Folder, e.Corpus + ".ref*").Length);
    }

    [Theory]   // Python's str.lower() (what sacreBLEU's lowercase=True applies), as printed by Python 3.11
    [InlineData("ΟΔΟΣ ΑΘΗΝΑΣ", "\u03bf\u03b4\u03bf\u03c2 \u03b1\u03b8\u03b7\u03bd\u03b1\u03c2")]
    [InlineData("ΤΟΥΣ.ΑΝΘΡΩΠΟΥΣ ΣΑΣ' Σ ΑΣ-Β", "\u03c4\u03bf\u03c5\u03c3.\u03b1\u03bd\u03b8\u03c1\u03c9\u03c0\u03bf\u03c5\u03c2 \u03c3\u03b1\u03c2' \u03c3 \u03b1\u03c2-\u03b2")]
    [InlineData("İZMİR", "i\u0307zmi\u0307r")]
    [InlineData("ǅemal ǄEMAL", "\u01c6emal \u01c6emal")]
    [InlineData("Straße STRASSE", "stra\u00dfe strasse")]
    [InlineData("\u0391\u03a3", "\u03b1\u03c2")]                       // the cased letter that makes Σ final is the first one
    [InlineData("\u00df\u03a3", "\u00df\u03c2")]
    [InlineData("\u0345\u03a3", "\u0345\u03c3")]                       // U+0345 is case-ignorable (Mn), so nothing cased precedes
    [InlineData("\u0391 \u00ad\u03a3", "\u03b1 \u00ad\u03c3")]             // the look-back stops at the space, not cased                       // ß is cased (Ll) though it has no other case here
    [InlineData("\u0391\u00ad\u03a3 \u0391\u02b0\u03a3 \u0391\u20dd\u03a3 \u0391\u02c2\u03a3 \u0391\u0301\u03a3",
        "\u03b1\u00ad\u03c2 \u03b1\u02b0\u03c2 \u03b1\u20dd\u03c2 \u03b1\u02c2\u03c2 \u03b1\u0301\u03c2")]   // Cf, Lm, Me, Sk, Mn are skipped
    public void LowercasesLikePython(string input, string expected) => Assert.Equal(expected, SacreBleu.Lower(input));

    [Fact]   // Python's str.rstrip() and str.isspace(): U+001C..U+001F are whitespace, U+001B is not
    public void StripsTrailingWhitespaceLikePython()
    {
        Assert.Equal("a b", SacreBleu.RStrip("a b \t\u001c\u001f\n"));
        Assert.Equal(" a\u001b", SacreBleu.RStrip(" a\u001b"));
        Assert.Equal("", SacreBleu.RStrip(" \u001c "));
        Assert.True(SacreBleu.IsPythonSpace('\u001c'));
        Assert.False(SacreBleu.IsPythonSpace('\u001b'));
    }
}
