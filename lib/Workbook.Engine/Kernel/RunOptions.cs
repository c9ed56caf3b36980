namespace Workbook.Kernel;

/// <summary>Options of <c>workbook run</c>: per-cell time limit (null = none), papermill-style parameters, and
/// nbconvert's --allow-errors (a failing cell is recorded and the notebook goes on).</summary>
public sealed record RunOptions(TimeSpan? CellTimeout, IReadOnlyList<KeyValuePair<string, string>> Parameters, bool AllowErrors = false)
{
    public static RunOptions Default { get; } = new(null, []);
}
