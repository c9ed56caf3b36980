namespace Seq2Seq.Decoding;

/// <summary>The GNMT length penalty lp(Y) = ((5 + |Y|) / 6)^α (Wu et al. 2016, "Google's Neural Machine
/// Translation System", Eq. 14). Log-probabilities only fall as a hypothesis grows, so ranking by log P alone
/// prefers short translations; dividing by lp(Y) ≥ 1 (α &gt; 0) compensates. lp(1) = 1 for every α.</summary>
public static class LengthPenalty
{
    /// <summary>lp for a hypothesis of <paramref name="length"/> tokens (EOS included).</summary>
    public static double Gnmt(int length, double alpha) => alpha == 0 ? 1.0 : Math.Pow((5.0 + length) / 6.0, alpha);

    /// <summary>The length-normalised score log P / lp(|Y|).</summary>
    public static double Normalise(double logProb, int length, double alpha) => logProb / Gnmt(length, alpha);
}
