namespace Seq2Seq.Decoding;

/// <summary>Beam-search settings.</summary>
/// <param name="BeamSize">K: hypotheses kept alive per sentence, and finished hypotheses collected per sentence.</param>
/// <param name="Alpha">GNMT length-penalty exponent α (Wu et al. 2016, Eq. 14): finished hypotheses are ranked by
/// log P(Y|X) / ((5 + |Y|) / 6)^α. α = 0 ranks by log-probability alone (which favours short outputs);
/// α ≈ 0.6–1.0 is usual for translation.</param>
/// <param name="NBest">How many hypotheses to return per sentence (1 ≤ NBest ≤ BeamSize), best first.</param>
/// <param name="StopEarly">true (default): a sentence stops as soon as no live hypothesis can still enter its
/// K best (see <see cref="BeamSearch"/>). false: every sentence runs to its length limit. Both return the same
/// n-best lists; false exists to demonstrate (and test) that the stopping rule loses nothing.</param>
public sealed record BeamOptions(int BeamSize = 5, double Alpha = 0.6, int NBest = 1, bool StopEarly = true)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public BeamOptions Validate()
    {
        if (BeamSize < 1) throw new ArgumentException($"BeamOptions.BeamSize must be ≥ 1, got {BeamSize}.");
        if (!double.IsFinite(Alpha) || Alpha < 0) throw new ArgumentException($"BeamOptions.Alpha must be a finite number ≥ 0, got {Alpha}.");
        if (NBest < 1 || NBest > BeamSize)
            throw new ArgumentException($"BeamOptions.NBest must be between 1 and BeamSize ({BeamSize}), got {NBest}.");
        return this;
    }
}
