namespace Seq2Seq.Training;

/// <summary>Everything the <see cref="Trainer"/> needs besides the model and the data. Defaults follow
/// Vaswani et al. 2017 §5.3–5.4 (Adam β = 0.9/0.98, ε = 1e-9, Noam warm-up, label smoothing 0.1);
/// presets and <c>with</c> make variants.</summary>
/// <param name="Schedule">Learning-rate schedule; null = Noam for D = 512 with 4000 warm-up steps.</param>
/// <param name="MaxEpochs">Stop after this many passes over the training batches (0 = no limit).</param>
/// <param name="MaxSteps">Stop after this many optimizer steps (0 = no limit). One of the two must be set.</param>
/// <param name="LabelSmoothing">ε of the <see cref="LabelSmoothingLoss"/> (0.1 in the paper).</param>
/// <param name="Beta1">Adam β1 (0.9).</param>
/// <param name="Beta2">Adam β2 (0.98 in the paper, PyTorch's default is 0.999).</param>
/// <param name="AdamEps">Adam ε (1e-9 in the paper).</param>
/// <param name="WeightDecay">L2 penalty added to the gradients (0 in the paper).</param>
/// <param name="MaxGradNorm">Global L2 gradient-norm clip (0 = no clipping).</param>
/// <param name="EvalEvery">Evaluate every N steps; 0 = at the end of every epoch.</param>
/// <param name="LogEvery">Report training progress every N steps.</param>
/// <param name="Patience">Stop after this many evaluations without improvement (0 = never stop early).</param>
/// <param name="CheckpointDir">Folder for best.ckpt / latest.ckpt / checkpoints.json; null = no checkpoints.</param>
/// <param name="CheckpointEvery">Also save latest.ckpt every N steps (0 = only at evaluations and at the end).</param>
/// <param name="Seed">Seeds torch's RNG (dropout, initialisation) and the batch order.</param>
/// <param name="BudgetSeconds">Stop when training (evaluations included) has taken this long; the schedule's
/// cooldown follows the time spent (null = no time limit).</param>
/// <param name="LossChunkTokens">Compute the output projection and loss in chunks of this many target tokens
/// (<see cref="ChunkedLoss"/>; needs an <see cref="IProjectedOutput"/> model); 0 = in one piece.</param>
/// <param name="Snapshots">Keep the weights of the last N epoch ends (and of the end of training) in
/// <c>snapshots/</c> of the checkpoint folder, for <see cref="CheckpointAverage"/>; 0 = none.</param>
public sealed record TrainerOptions(
    WarmupSchedule? Schedule = null,
    int MaxEpochs = 10,
    long MaxSteps = 0,
    double LabelSmoothing = 0.1,
    double Beta1 = 0.9,
    double Beta2 = 0.98,
    double AdamEps = 1e-9,
    double WeightDecay = 0,
    double MaxGradNorm = 1.0,
    int EvalEvery = 0,
    int LogEvery = 50,
    int Patience = 0,
    string? CheckpointDir = null,
    int CheckpointEvery = 0,
    long Seed = 42,
    double? BudgetSeconds = null,
    int LossChunkTokens = 0,
    int Snapshots = 0)
{
    /// <summary>The schedule in effect (Noam D = 512, warm-up 4000 when none is given).</summary>
    public WarmupSchedule EffectiveSchedule => Schedule ?? WarmupSchedule.Noam(512);

    /// <summary>Throws naming the first option that cannot work.</summary>
    public void Validate()
    {
        EffectiveSchedule.Validate();
        if (MaxEpochs < 0 || MaxSteps < 0) throw new ArgumentException($"{nameof(MaxEpochs)} and {nameof(MaxSteps)} must be ≥ 0.");
        if (MaxEpochs == 0 && MaxSteps == 0 && BudgetSeconds is null) throw new ArgumentException($"set {nameof(MaxEpochs)}, {nameof(MaxSteps)} or {nameof(BudgetSeconds)}: training would never stop.");
        if (BudgetSeconds is double b && !(b > 0)) throw new ArgumentException($"{nameof(BudgetSeconds)} must be > 0, got {b}.");
        if (LossChunkTokens < 0 || Snapshots < 0) throw new ArgumentException($"{nameof(LossChunkTokens)} and {nameof(Snapshots)} must be ≥ 0.");
        if (!(LabelSmoothing >= 0 && LabelSmoothing < 1)) throw new ArgumentException($"{nameof(LabelSmoothing)} must be in [0, 1), got {LabelSmoothing}.");
        if (!(Beta1 >= 0 && Beta1 < 1 && Beta2 >= 0 && Beta2 < 1)) throw new ArgumentException($"Adam betas must be in [0, 1), got {Beta1}, {Beta2}.");
        if (!(AdamEps >= 0) || WeightDecay < 0 || MaxGradNorm < 0) throw new ArgumentException($"{nameof(AdamEps)}, {nameof(WeightDecay)} and {nameof(MaxGradNorm)} must be ≥ 0.");
        if (EvalEvery < 0 || LogEvery < 1 || Patience < 0 || CheckpointEvery < 0)
            throw new ArgumentException($"{nameof(EvalEvery)}, {nameof(Patience)}, {nameof(CheckpointEvery)} must be ≥ 0 and {nameof(LogEvery)} ≥ 1.");
    }
}
