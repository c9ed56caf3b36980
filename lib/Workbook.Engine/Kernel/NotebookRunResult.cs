namespace Workbook.Kernel;

/// <summary>One notebook's run: status, code cells run out of the total, wall time, the failure message
/// ("cell 4: (2,1): error CS0103: ...") and the executed notebook (null when it could not be parsed).
/// <see cref="FailedCells"/> counts cells that failed, including those --allow-errors let pass.</summary>
public sealed record NotebookRunResult(
    string Path, NotebookRunStatus Status, int CellsRun, int CodeCells, TimeSpan Elapsed, string? Failure, Notebooks.Notebook? Notebook,
    int FailedCells = 0);
