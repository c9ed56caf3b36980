using TorchSharp;

namespace Seq2Seq.Training;

/// <summary>A learning-rate schedule as a pure function of the (1-based) optimizer step, so resuming from a
/// checkpoint needs only the step count. <see cref="Apply"/> writes the rate into every parameter group.
/// A record with presets (not a closure) so it serialises into the checkpoint's config JSON.</summary>
/// <param name="Kind">The curve.</param>
/// <param name="Rate">Noam: the factor (1.0 in the paper, 2.0 in the annotated transformer). Others: the peak rate.</param>
/// <param name="WarmupSteps">Steps of linear increase (Noam: 4000 in the paper). Ignored by Constant.</param>
/// <param name="DModel">Noam only: the model width D whose -0.5 power scales the rate.</param>
/// <param name="Cooldown">Fraction of the run (0–1) at its end over which the rate falls linearly to 0
/// ("warm-up, stable, decay": Hägele et al. 2024, arXiv 2405.18392). The run's progress comes from the trainer:
/// steps done / planned, or time spent / time budget, whichever is further, so a run with a time budget ends
/// its schedule when its time does. 0 = the curve alone, as in the paper.</param>
public sealed record WarmupSchedule(WarmupKind Kind, double Rate, int WarmupSteps = 0, int DModel = 0, double Cooldown = 0)
{
    /// <summary>The paper's schedule: factor · D^-0.5 · min(step^-0.5, step · warmup^-1.5).</summary>
    public static WarmupSchedule Noam(int dModel, int warmupSteps = 4000, double factor = 1.0) =>
        new(WarmupKind.Noam, factor, warmupSteps, dModel);

    /// <summary>Linear warm-up to <paramref name="peak"/> at step = warmup, then peak · sqrt(warmup / step).</summary>
    public static WarmupSchedule LinearInverseSqrt(double peak, int warmupSteps) =>
        new(WarmupKind.LinearInverseSqrt, peak, warmupSteps);

    public static WarmupSchedule Constant(double rate) => new(WarmupKind.Constant, rate);

    /// <summary>Throws if the parameters cannot define a schedule.</summary>
    public void Validate()
    {
        if (!(Rate > 0) || double.IsInfinity(Rate)) throw new ArgumentException($"{nameof(WarmupSchedule)}.{nameof(Rate)} must be a positive number, got {Rate}.");
        if (Kind != WarmupKind.Constant && WarmupSteps < 1) throw new ArgumentException($"{nameof(WarmupSchedule)}.{nameof(WarmupSteps)} must be ≥ 1 for {Kind}, got {WarmupSteps}.");
        if (Kind == WarmupKind.Noam && DModel < 1) throw new ArgumentException($"{nameof(WarmupSchedule)}.{nameof(DModel)} must be ≥ 1 for Noam, got {DModel}.");
        if (!(Cooldown is >= 0 and <= 1)) throw new ArgumentException($"{nameof(WarmupSchedule)}.{nameof(Cooldown)} must be a fraction in [0, 1], got {Cooldown}.");
    }

    /// <summary>The rate for <paramref name="step"/> when the run is <paramref name="progress"/> (0–1) done:
    /// the curve, scaled down linearly to 0 over the last <see cref="Cooldown"/> of the run.</summary>
    public double LearningRate(long step, double progress)
    {
        var rate = LearningRate(step);
        if (Cooldown <= 0 || progress <= 1 - Cooldown) return rate;
        return rate * Math.Clamp((1 - progress) / Cooldown, 0, 1);
    }

    /// <summary>The rate for optimizer step <paramref name="step"/> (1-based; step 0 is treated as 1, as in
    /// the annotated transformer, so the very first update is not taken with rate 0).</summary>
    public double LearningRate(long step)
    {
        double s = Math.Max(1, step);
        return Kind switch
        {
            WarmupKind.Noam => Rate * Math.Pow(DModel, -0.5) * Math.Min(Math.Pow(s, -0.5), s * Math.Pow(WarmupSteps, -1.5)),
            WarmupKind.LinearInverseSqrt => Rate * Math.Min(s / WarmupSteps, Math.Sqrt(WarmupSteps / s)),
            WarmupKind.Constant => Rate,
            _ => throw new InvalidOperationException($"unknown {nameof(WarmupKind)} {Kind}."),
        };
    }

    /// <summary>The highest rate the schedule reaches (at step = warm-up).</summary>
    public double Peak => LearningRate(Math.Max(1, WarmupSteps));

    /// <summary>Sets every parameter group of <paramref name="optimizer"/> to the rate of <paramref name="step"/>
    /// at <paramref name="progress"/> and returns it (TorchSharp 0.107 exposes the groups as <c>ILearningRateController</c>).</summary>
    public double Apply(torch.optim.Optimizer optimizer, long step, double progress = 0)
    {
        var lr = LearningRate(step, progress);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
        return lr;
    }
}
