using System.Globalization;

namespace Seq2Seq.Metrics;

/// <summary>A corpus BLEU result with its sufficient statistics, formatted exactly like sacreBLEU's text output.</summary>
/// <param name="Score">BLEU in [0, 100].</param>
/// <param name="Counts">Matched n-grams per order (clipped by the reference counts).</param>
/// <param name="Totals">Hypothesis n-grams per order.</param>
/// <param name="Precisions">Per-order precisions in percent (smoothed where the count was 0).</param>
/// <param name="BrevityPenalty">exp(1 - r/c) when the hypothesis is shorter than the reference, else 1.</param>
/// <param name="HypLength">c: hypothesis tokens in the corpus.</param>
/// <param name="RefLength">r: closest-reference tokens in the corpus.</param>
public sealed record BleuScore(double Score, int[] Counts, int[] Totals, double[] Precisions, double BrevityPenalty, int HypLength, int RefLength)
{
    public double Ratio => RefLength > 0 ? (double)HypLength / RefLength : 0;

    /// <summary><c>BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)</c></summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var precisions = string.Join("/", Precisions.Select(p => p.ToString("F1", c)));
        return string.Create(c, $"BLEU = {Score:F2} {precisions} (BP = {BrevityPenalty:F3} ratio = {Ratio:F3} hyp_len = {HypLength} ref_len = {RefLength})");
    }
}
