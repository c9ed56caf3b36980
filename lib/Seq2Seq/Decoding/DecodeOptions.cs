namespace Seq2Seq.Decoding;

/// <summary>How long a decoder may run. A length counts decoding steps, i.e. output tokens <em>including</em>
/// the final EOS (so <c>MaxLength = 3</c> allows "a b &lt;/s&gt;" or "a b c" cut off without EOS).
/// The limit of a sentence is <c>MaxLength</c>, or, when <see cref="MaxLengthRatio"/> is set,
/// <c>min(MaxLength, ceil(MaxLengthRatio × sourceLength) + MaxLengthOffset)</c>, where the source length counts
/// the non-pad source ids. The ratio stops a model that never emits EOS from running far past its source.</summary>
/// <param name="MaxLength">Hard cap on decoding steps per sentence (≥ 1).</param>
/// <param name="MaxLengthRatio">Optional cap relative to the source length (&gt; 0), e.g. 1.5.</param>
/// <param name="MaxLengthOffset">Added to the ratio cap (≥ 0), so very short sources may still grow.</param>
public sealed record DecodeOptions(int MaxLength = 100, double? MaxLengthRatio = null, int MaxLengthOffset = 10)
{
    /// <summary>100 steps, no source-relative cap.</summary>
    public static DecodeOptions Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public DecodeOptions Validate()
    {
        if (MaxLength < 1) throw new ArgumentException($"DecodeOptions.MaxLength must be ≥ 1, got {MaxLength}.");
        if (MaxLengthRatio is double r && !(r > 0 && double.IsFinite(r)))
            throw new ArgumentException($"DecodeOptions.MaxLengthRatio must be a positive number, got {r}.");
        if (MaxLengthOffset < 0) throw new ArgumentException($"DecodeOptions.MaxLengthOffset must be ≥ 0, got {MaxLengthOffset}.");
        return this;
    }

    /// <summary>The step limit for a source of <paramref name="sourceLength"/> non-pad tokens (always ≥ 1).</summary>
    public int LimitFor(int sourceLength)
    {
        if (MaxLengthRatio is not double ratio) return MaxLength;
        var relative = (long)Math.Ceiling(ratio * sourceLength) + MaxLengthOffset;
        return (int)Math.Clamp(relative, 1, MaxLength);
    }
}
