namespace Workbook.Kernel;

/// <summary>Options of <c>workbook run</c>: per-cell time limit (null = none) and papermill-style parameters.</summary>
public sealed record RunOptions(TimeSpan? CellTimeout, IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    public static RunOptions Default { get; } = new(null, []);
}
