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

    /// <summary>The references of segment <paramref name="i"/>: its non-empty ones, as sacreBLEU keeps them (an empty
    /// string among other references means "no reference in this stream", so segments may have different numbers of
    /// references). A segment whose references are all empty is scored against one empty reference (length 0, no
    /// n-grams) where sacreBLEU 2.4.3 stops with "Empty or `None` reference sentence found." (base.py,
    /// <c>_cache_references</c>); the statistics are the ones its bleu.py / chrf.py compute for an empty reference
    /// string (see docs/metrics.md).</summary>
    public static List<string> ReferencesOf(IReadOnlyList<string>[] references, int i)
    {
        var refs = references.Select(r => r[i]).Where(r => !string.IsNullOrEmpty(r)).ToList();
        return refs.Count > 0 ? refs : [""];
    }

    /// <summary>References per segment as sacreBLEU's signature counts them (<c>num_refs</c>): the same count for
    /// every segment, else -1 (printed "var").</summary>
    public static int ReferenceCount(IReadOnlyList<string>[] references)
    {
        if (references.Length == 0) return 0;
        var counts = Enumerable.Range(0, references.Min(r => r.Count)).Select(i => ReferencesOf(references, i).Count).Distinct().Take(2).ToList();
        return counts.Count switch { 0 => references.Length, 1 => counts[0], _ => -1 };
    }
}
