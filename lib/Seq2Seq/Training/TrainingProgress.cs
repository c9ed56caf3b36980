namespace Seq2Seq.Training;

/// <summary>One progress report: after <see cref="Trainer"/> took <c>LogEvery</c> steps (Kind = Train), after
/// an evaluation (Kind = Validation), or when training stops (Kind = Done, with the reason in Message).</summary>
/// <param name="Kind">What the report is about.</param>
/// <param name="Step">Optimizer steps taken.</param>
/// <param name="Epoch">Current epoch (0-based).</param>
/// <param name="Loss">Train: mean label-smoothed loss per target token since the last report.
/// Validation: mean label-smoothed loss on the validation set.</param>
/// <param name="LearningRate">The rate used by the last step.</param>
/// <param name="TokensPerSecond">Target tokens trained per wall-clock second since the last report.</param>
/// <param name="Elapsed">Wall-clock training time of this process so far.</param>
/// <param name="Eta">Estimated time left, when the run has a known length (MaxSteps or MaxEpochs).</param>
/// <param name="ValidNll">Validation cross-entropy per token without smoothing (validation reports).</param>
/// <param name="Metric">Validation metric value such as BLEU, if one is configured.</param>
/// <param name="MetricName">Its name.</param>
/// <param name="Message">Free text: why training stopped, which checkpoint was written.</param>
public sealed record TrainingProgress(
    ProgressKind Kind, long Step, int Epoch, double Loss, double LearningRate,
    double TokensPerSecond, TimeSpan Elapsed, TimeSpan? Eta,
    double? ValidNll = null, double? Metric = null, string? MetricName = null, string? Message = null)
{
    /// <summary>Perplexity exp(NLL) on the validation set (no label smoothing), when this is a validation report.</summary>
    public double? ValidPerplexity => ValidNll is double nll ? Math.Exp(nll) : null;
}
