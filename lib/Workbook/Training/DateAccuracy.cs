namespace Workbook.Training;

/// <summary>Exact-match accuracy: the share of hypotheses identical to their reference (after trimming).
/// The natural score of the date task, where one wrong digit makes the answer wrong.</summary>
public static class DateAccuracy
{
    public static double ExactMatch(IReadOnlyList<string> hypotheses, IReadOnlyList<string> references)
    {
        if (hypotheses.Count != references.Count) throw new ArgumentException($"{hypotheses.Count} hypotheses for {references.Count} references.");
        if (hypotheses.Count == 0) return 0;
        return hypotheses.Zip(references).Count(p => p.First.Trim() == p.Second.Trim()) / (double)hypotheses.Count;
    }
}
