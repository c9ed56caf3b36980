namespace Workbook.Notebooks;

/// <summary>One problem found by <c>workbook check</c>: file, 1-based cell number (null = whole notebook), message.</summary>
public sealed record CheckIssue(string File, int? Cell, string Message)
{
    public override string ToString() => Cell is int c ? $"{File}: cell {c}: {Message}" : $"{File}: {Message}";
}
