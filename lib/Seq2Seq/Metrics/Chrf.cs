namespace Seq2Seq.Metrics;

/// <summary>chrF (Popović 2015) exactly as sacreBLEU 2.x computes it (port of sacrebleu/metrics/chrf.py):
/// character n-grams of order 1..6 with whitespace removed, statistics summed over the corpus, per-order precision
/// and recall averaged over the orders where both hypothesis and reference have n-grams ("eff:yes"), then F-beta
/// with beta = 2. <paramref name="epsSmoothing"/> switches to chrF++.py's epsilon smoothing (mean of per-order F).
/// <paramref name="wordOrder"/> 2 gives chrF++.</summary>
public sealed class Chrf(int charOrder = 6, int wordOrder = 0, int beta = 2, bool lowercase = false, bool whitespace = false,
    bool epsSmoothing = false)
{
    private const string Puncts = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private int Order => charOrder + wordOrder;

    /// <summary>Scores a corpus against one or more aligned reference streams (best reference per segment).</summary>
    public ChrfScore Corpus(IReadOnlyList<string> hypotheses, params IReadOnlyList<string>[] references)
    {
        MetricArguments.Check(hypotheses, references);
        var sums = new long[3 * Order];
        for (int i = 0; i < hypotheses.Count; i++)
        {
            var stats = SegmentStatistics(Preprocess(hypotheses[i]), MetricArguments.ReferencesOf(references, i).Select(Preprocess));
            for (int k = 0; k < sums.Length; k++) sums[k] += stats[k];
        }
        return new ChrfScore(FScore(sums), beta, charOrder, wordOrder);
    }

    public ChrfScore Sentence(string hypothesis, params string[] references) =>
        Corpus([hypothesis], references.Select(r => (IReadOnlyList<string>)[r]).ToArray());

    /// <summary><c>nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.4.3</c>; a negative count prints "var".</summary>
    public string Signature(int referenceCount = 1) =>
        $"nrefs:{(referenceCount < 0 ? "var" : referenceCount.ToString(System.Globalization.CultureInfo.InvariantCulture))}|case:{(lowercase ? "lc" : "mixed")}|eff:{(epsSmoothing ? "no" : "yes")}|nc:{charOrder}|nw:{wordOrder}|space:{(whitespace ? "yes" : "no")}|version:{SacreBleu.Version}";

    private string Preprocess(string s) => lowercase ? SacreBleu.Lower(s) : s;

    private long[] SegmentStatistics(string hypothesis, IEnumerable<string> references)
    {
        var hyp = Extract(hypothesis);
        long[] best = [];
        double bestF = -1;
        foreach (var reference in references)
        {
            var refs = Extract(reference);
            var stats = new long[3 * Order];
            for (int n = 0; n < Order; n++)
            {
                long hypCount = 0, match = 0;
                foreach (var (g, c) in hyp[n])
                {
                    hypCount += c;
                    if (refs[n].TryGetValue(g, out var rc)) match += Math.Min(c, rc);
                }
                stats[3 * n] = refs[n].Count > 0 ? hypCount : 0;   // no hits counted where the reference has no n-grams
                stats[3 * n + 1] = refs[n].Values.Sum();
                stats[3 * n + 2] = match;
            }
            var f = FScore(stats);
            if (f > bestF) (bestF, best) = (f, stats);
        }
        return best;
    }

    private List<Dictionary<string, int>> Extract(string s)
    {
        var all = NGrams.Chars(s, charOrder, whitespace);
        if (wordOrder > 0)
        {
            var words = string.Join(' ', SplitPunctuation(s));
            for (int n = 1; n <= wordOrder; n++) all.Add(NGrams.Words(words, n).Counts.Where(kv => kv.Key.Count(c => c == ' ') == n - 1).ToDictionary());
        }
        return all;
    }

    /// <summary>chrF++'s word splitting: one leading or trailing punctuation mark becomes its own word.</summary>
    private static IEnumerable<string> SplitPunctuation(string sentence)
    {
        foreach (var w in SacreBleu.SplitWhitespace(sentence))
        {
            if (w.Length == 1) yield return w;
            else if (Puncts.Contains(w[^1])) { yield return w[..^1]; yield return w[^1..]; }
            else if (Puncts.Contains(w[0])) { yield return w[..1]; yield return w[1..]; }
            else yield return w;
        }
    }

    private double FScore(long[] stats)
    {
        const double eps = 1e-16;
        double factor = (double)beta * beta, score = 0, avgPrec = 0, avgRec = 0;
        int effective = 0;
        for (int i = 0; i < Order; i++)
        {
            long nHyp = stats[3 * i], nRef = stats[3 * i + 1], nMatch = stats[3 * i + 2];
            double prec = nHyp > 0 ? (double)nMatch / nHyp : eps, rec = nRef > 0 ? (double)nMatch / nRef : eps;
            double denom = factor * prec + rec;
            score += denom > 0 ? (1 + factor) * prec * rec / denom : eps;
            if (nHyp > 0 && nRef > 0) { avgPrec += prec; avgRec += rec; effective++; }
        }
        if (epsSmoothing) return 100 * score / Order;
        if (effective == 0) return 0;
        (avgPrec, avgRec) = (avgPrec / effective, avgRec / effective);
        return avgPrec + avgRec > 0 ? 100 * (1 + factor) * avgPrec * avgRec / (factor * avgPrec + avgRec) : 0;
    }
}
