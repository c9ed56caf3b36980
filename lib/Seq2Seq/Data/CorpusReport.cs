namespace Seq2Seq.Data;

/// <summary>What loading a corpus did: pairs read, pairs kept, and every skipped or truncated line.</summary>
public sealed record CorpusReport(int PairsRead, int PairsKept, IReadOnlyList<CorpusIssue> Issues)
{
    public int Count(CorpusIssueKind kind) => Issues.Count(i => i.Kind == kind);

    /// <summary>One line, e.g. "29000 pairs read, 28990 kept; 3 Empty, 7 OverlongSkipped".</summary>
    public string Summary()
    {
        var kinds = Issues.GroupBy(i => i.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}");
        var tail = Issues.Count == 0 ? "" : "; " + string.Join(", ", kinds);
        return $"{PairsRead} pairs read, {PairsKept} kept{tail}";
    }
}
