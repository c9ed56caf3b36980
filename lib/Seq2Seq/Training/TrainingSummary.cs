namespace Seq2Seq.Training;

/// <summary>How a <c>Trainer.Fit</c> call ended.</summary>
/// <param name="StopReason">"max steps", "max epochs", "time budget", "early stopping (…)" or "cancelled".</param>
/// <param name="Steps">Optimizer steps taken in total (including before a resume).</param>
/// <param name="BestScore">The best validation score (metric, or cross-entropy), if any evaluation ran.</param>
/// <param name="BestStep">The step of <paramref name="BestScore"/>.</param>
/// <param name="LastEvaluation">The final evaluation, if any.</param>
/// <param name="Elapsed">Wall-clock time of this call.</param>
public sealed record TrainingSummary(string StopReason, long Steps, double? BestScore, long BestStep,
    EvaluationResult? LastEvaluation, TimeSpan Elapsed);
