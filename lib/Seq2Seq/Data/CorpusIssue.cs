namespace Seq2Seq.Data;

/// <summary>One skipped or truncated line: <c>File:Line</c> (1-based) and what was wrong.</summary>
public sealed record CorpusIssue(string File, int Line, CorpusIssueKind Kind, string Detail)
{
    public override string ToString() => $"{File}:{Line}: {Kind}: {Detail}";
}
