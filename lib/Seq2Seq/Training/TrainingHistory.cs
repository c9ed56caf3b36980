namespace Seq2Seq.Training;

/// <summary>Loss curves for plotting: training loss per report, validation numbers per evaluation.
/// Stored in every checkpoint, so a resumed run keeps one continuous history.</summary>
public sealed class TrainingHistory
{
    /// <summary>A training-loss point: mean loss over the steps since the previous point.</summary>
    public sealed record TrainPoint(long Step, int Epoch, double Loss, double LearningRate);

    /// <summary>A validation point; <paramref name="Seconds"/>: training time when it was taken (evaluations included).</summary>
    public sealed record ValidPoint(long Step, int Epoch, double Loss, double Nll, double? Metric, double Seconds = 0);

    public List<TrainPoint> Train { get; init; } = new();
    public List<ValidPoint> Valid { get; init; } = new();
}
