namespace Seq2Seq.Training;

/// <summary>Teacher-forced validation numbers, averaged per real target token.</summary>
/// <param name="Loss">Label-smoothed loss (comparable with the training loss).</param>
/// <param name="Nll">Plain cross-entropy (no smoothing): log-perplexity.</param>
/// <param name="Tokens">Real target tokens scored.</param>
/// <param name="Metric">The <see cref="ValidationMetric"/> value, if one was given.</param>
public sealed record EvaluationResult(double Loss, double Nll, long Tokens, double? Metric = null)
{
    public double Perplexity => Math.Exp(Nll);
}
