namespace Seq2Seq.Metrics;

/// <summary>Argument checks shared by the corpus metrics, with messages that say what is wrong where.</summary>
internal static class MetricArguments
{
    public static void Check(IReadOnlyList<string> hypotheses, IReadOnlyList<string>[] references)
    {
        if (references.Length == 0) throw new ArgumentException("no reference stream given.", nameof(references));
        if (hypotheses.Count == 0) throw new ArgumentException("empty corpus: there are no hypotheses to score.", nameof(hypotheses));
        for (int r = 0; r < references.Length; r++)
            if (references[r].Count != hypotheses.Count)
                throw new ArgumentException($"{hypotheses.Count} hypotheses but reference stream {r + 1} has {references[r].Count} lines.", nameof(references));
    }

    /// <summary>The non-empty references of segment <paramref name="i"/>; none at all is an error (as in sacreBLEU).</summary>
    public static List<string> ReferencesOf(IReadOnlyList<string>[] references, int i)
    {
        var refs = references.Select(r => r[i]).Where(r => !string.IsNullOrEmpty(r)).ToList();
        if (refs.Count == 0) throw new ArgumentException($"segment {i + 1} has no non-empty reference.", nameof(references));
        return refs;
    }
}
