namespace Seq2Seq.Training;

/// <summary>The shape of a <see cref="WarmupSchedule"/>.</summary>
public enum WarmupKind
{
    /// <summary>Vaswani et al. 2017, Eq. 3: factor · D^-0.5 · min(step^-0.5, step · warmup^-1.5).</summary>
    Noam,

    /// <summary>Linear warm-up to a peak rate, then inverse-square-root decay:
    /// peak · min(step / warmup, sqrt(warmup / step)). Same curve as Noam, but parameterised by the peak rate.</summary>
    LinearInverseSqrt,

    /// <summary>A fixed rate (no warm-up): for fine-tuning and for tests.</summary>
    Constant,
}
