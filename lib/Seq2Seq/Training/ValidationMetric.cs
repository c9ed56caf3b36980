namespace Seq2Seq.Training;

/// <summary>A score computed on the validation set by decoding (e.g. BLEU): the trainer knows neither
/// tokenizers nor search, so the caller supplies it. <see cref="Compute"/> runs with the model in eval mode
/// under no_grad; it must open its own dispose scopes if it loops.</summary>
/// <param name="Name">Shown in progress lines and history ("BLEU").</param>
/// <param name="Compute">Decodes the validation sources and scores them against the references.</param>
/// <param name="HigherIsBetter">True for BLEU/chrF; false for an error rate.</param>
public sealed record ValidationMetric(string Name, Func<ISeq2SeqModel, double> Compute, bool HigherIsBetter = true)
{
    /// <summary>Builds a metric from a corpus scorer (e.g. BLEU) and a function that translates the validation
    /// sources: <paramref name="score"/> receives (hypotheses, references), in that order.</summary>
    public static ValidationMetric FromScorer(string name, Func<ISeq2SeqModel, IReadOnlyList<string>> translate,
        IReadOnlyList<string> references, Func<IReadOnlyList<string>, IReadOnlyList<string>, double> score, bool higherIsBetter = true) =>
        new(name, model =>
        {
            var hyps = translate(model);
            if (hyps.Count != references.Count)
                throw new InvalidOperationException($"{name}: {hyps.Count} hypotheses for {references.Count} references.");
            return score(hyps, references);
        }, higherIsBetter);
}
