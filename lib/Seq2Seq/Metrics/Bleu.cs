using System.Globalization;

namespace Seq2Seq.Metrics;

/// <summary>Corpus BLEU (Papineni et al. 2002) computed exactly as sacreBLEU 2.x does (port of
/// sacrebleu/metrics/bleu.py): sentence statistics summed over the corpus, clipped n-gram counts (max over
/// references), closest reference length (ties: shorter), brevity penalty, geometric mean of the 1..4-gram
/// precisions. Defaults = sacreBLEU's: cased, 13a tokenization, exp smoothing, no effective order.</summary>
/// <param name="lowercase">Lowercase hypotheses and references first (signature case:lc).</param>
/// <param name="tokenize">"13a" (default) or "none" (split on whitespace only).</param>
/// <param name="smoothing">How a zero n-gram count is smoothed (default exp).</param>
/// <param name="smoothValue">The floor / add-k constant (defaults 0.1 / 1).</param>
/// <param name="maxNgramOrder">Highest n-gram order (4).</param>
/// <param name="effectiveOrder">Average only over orders with hypothesis n-grams (for sentence BLEU).</param>
public sealed class Bleu(bool lowercase = false, string tokenize = "13a", BleuSmoothing smoothing = BleuSmoothing.Exp,
    double? smoothValue = null, int maxNgramOrder = 4, bool effectiveOrder = false)
{
    private readonly Func<string, string> tokenizer = tokenize switch
    {
        "13a" => Tokenizer13a.Tokenize,
        "none" => s => s,
        _ => throw new ArgumentException($"unknown BLEU tokenizer '{tokenize}' (supported: 13a, none).", nameof(tokenize)),
    };

    /// <summary>Scores a corpus. Each element of <paramref name="references"/> is one reference stream aligned with
    /// <paramref name="hypotheses"/> (pass several for multi-reference BLEU; "" marks a missing reference).</summary>
    public BleuScore Corpus(IReadOnlyList<string> hypotheses, params IReadOnlyList<string>[] references)
    {
        MetricArguments.Check(hypotheses, references);
        var sums = new long[2 + 2 * maxNgramOrder];
        for (int i = 0; i < hypotheses.Count; i++)
        {
            var refs = MetricArguments.ReferencesOf(references, i).Select(Preprocess).ToList();
            var stats = SegmentStatistics(Preprocess(hypotheses[i]), refs);
            for (int k = 0; k < sums.Length; k++) sums[k] += stats[k];
        }
        return Compute(sums[2..(2 + maxNgramOrder)].Select(x => (double)x).ToArray(), sums[(2 + maxNgramOrder)..].Select(x => (double)x).ToArray(),
            (int)sums[0], (int)sums[1], smoothing, smoothValue, effectiveOrder);
    }

    /// <summary>BLEU of one sentence (sacreBLEU recommends <c>effectiveOrder: true</c> for this).</summary>
    public BleuScore Sentence(string hypothesis, params string[] references) =>
        Corpus([hypothesis], references.Select(r => (IReadOnlyList<string>)[r]).ToArray());

    /// <summary><c>nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.3</c>; a negative count prints "var"
    /// (segments with different numbers of references).</summary>
    public string Signature(int referenceCount = 1)
    {
        var smooth = smoothing switch
        {
            BleuSmoothing.None => "none",
            BleuSmoothing.Exp => "exp",
            BleuSmoothing.Floor => string.Create(CultureInfo.InvariantCulture, $"floor[{smoothValue ?? 0.1:F2}]"),
            _ => string.Create(CultureInfo.InvariantCulture, $"add-k[{smoothValue ?? 1:F2}]"),
        };
        var nrefs = referenceCount < 0 ? "var" : referenceCount.ToString(CultureInfo.InvariantCulture);
        return $"nrefs:{nrefs}|case:{(lowercase ? "lc" : "mixed")}|eff:{(effectiveOrder ? "yes" : "no")}|tok:{tokenize}|smooth:{smooth}|version:{SacreBleu.Version}";
    }

    private string Preprocess(string s) => tokenizer(SacreBleu.RStrip(lowercase ? SacreBleu.Lower(s) : s));

    /// <summary>[hyp_len, ref_len, correct_1..N, total_1..N] of one pre-processed segment.</summary>
    private long[] SegmentStatistics(string hypothesis, IReadOnlyList<string> references)
    {
        var refNgrams = new Dictionary<string, int>(StringComparer.Ordinal);
        var refLengths = new List<int>();
        foreach (var r in references)
        {
            var (ngrams, length) = NGrams.Words(r, maxNgramOrder);
            refLengths.Add(length);
            foreach (var (g, c) in ngrams) refNgrams[g] = Math.Max(refNgrams.GetValueOrDefault(g), c);
        }
        var (hyp, hypLength) = NGrams.Words(hypothesis, maxNgramOrder);
        var stats = new long[2 + 2 * maxNgramOrder];
        stats[0] = hypLength;
        stats[1] = refLengths.OrderBy(l => Math.Abs(hypLength - l)).ThenBy(l => l).First();   // closest, ties → shorter
        foreach (var (g, c) in hyp)
        {
            int n = g.Count(ch => ch == ' ');   // order - 1 (tokens contain no spaces)
            stats[2 + maxNgramOrder + n] += c;
            if (refNgrams.TryGetValue(g, out var rc)) stats[2 + n] += Math.Min(c, rc);
        }
        return stats;
    }

    /// <summary>BLEU from its sufficient statistics (sacreBLEU's <c>compute_bleu</c>).</summary>
    public static BleuScore Compute(double[] correct, double[] total, int hypLength, int refLength,
        BleuSmoothing smoothing = BleuSmoothing.Exp, double? smoothValue = null, bool effectiveOrder = false)
    {
        int order = correct.Length;
        correct = (double[])correct.Clone();
        total = (double[])total.Clone();
        double value = smoothValue ?? (smoothing == BleuSmoothing.AddK ? 1 : 0.1);
        double bp = hypLength < refLength ? (hypLength > 0 ? Math.Exp(1 - (double)refLength / hypLength) : 0) : 1;
        var precisions = new double[order];
        var counts = correct.Select(c => (int)c).ToArray();
        var totals = total.Select(t => (int)t).ToArray();
        if (correct.All(c => c == 0)) return new BleuScore(0, counts, totals, precisions, bp, hypLength, refLength);

        double smoothMteval = 1;
        int effOrder = order;
        for (int n = 1; n <= order; n++)
        {
            if (smoothing == BleuSmoothing.AddK && n > 1) { correct[n - 1] += value; total[n - 1] += value; }
            if (total[n - 1] == 0) break;
            if (effectiveOrder) effOrder = n;
            if (correct[n - 1] == 0)
            {
                if (smoothing == BleuSmoothing.Exp) { smoothMteval *= 2; precisions[n - 1] = 100 / (smoothMteval * total[n - 1]); }
                else if (smoothing == BleuSmoothing.Floor) precisions[n - 1] = 100 * value / total[n - 1];
            }
            else precisions[n - 1] = 100 * correct[n - 1] / total[n - 1];
        }
        double logSum = precisions.Take(effOrder).Sum(p => p == 0 ? -9999999999 : Math.Log(p));
        return new BleuScore(bp * Math.Exp(logSum / effOrder), counts, totals, precisions, bp, hypLength, refLength);
    }
}
