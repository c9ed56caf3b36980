using System.Diagnostics;
using Workbook.Kernel;

namespace Workbook.Jupyter;

/// <summary>The cells that ran without error in the current child process, in order, with their run times; after an
/// interrupt or a crash, what the fresh child runs again so that the notebook's variables and #r are back.
///
/// Safe by these rules: only cells that succeeded; in their order; outputs not shown again; no stdin (a cell that
/// asks for input fails at once); the first failure stops the replay and the note says which cell and why; the whole
/// replay is interruptible like a cell; and only when the cells took at most <c>budget</c> in all — set-up (#r, data,
/// a small model) is replayed, a notebook that has trained for minutes is not, and is told so.</summary>
internal sealed class CellReplay(TimeSpan budget)
{
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(30);

    private List<(string Code, TimeSpan Elapsed)> succeeded = [];

    /// <summary>A cell that ran without error in the current child.</summary>
    public void Record(string code, TimeSpan elapsed) => succeeded.Add((code, elapsed));

    /// <summary>Runs the recorded cells again through <paramref name="run"/> (the fresh child) and returns what to
    /// tell the user. Afterwards the record holds the cells that ran again without error.</summary>
    public async Task<string> RunAgainAsync(Func<string, Task<CellResult>> run)
    {
        var cells = succeeded;
        succeeded = [];
        if (cells.Count == 0) return "No earlier cell had run without error: nothing was lost.";
        var took = TimeSpan.FromTicks(cells.Sum(c => c.Elapsed.Ticks));
        var earlier = cells.Count == 1 ? "The earlier cell that had run without error" : $"The {cells.Count} earlier cells that had run without error";
        if (took > budget)
            return $"{earlier} took {took.TotalSeconds:0} s, over the {budget.TotalSeconds:0} s the kernel runs again by itself: "
                   + "their variables and #r are gone; run them again.";
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < cells.Count; i++)
        {
            var result = await run(cells[i].Code);
            if (result.Status != CellStatus.Ok)
                return $"{earlier} ran again to restore their variables, but number {i + 1} of them failed this time "
                       + $"({FirstLine(result.Error)}): the variables of the {i} before it are back, the rest are gone; run them again.";
            succeeded.Add((cells[i].Code, result.Elapsed));
        }
        return $"{earlier} ran again ({clock.Elapsed.TotalSeconds:0.0} s, outputs not shown), so their variables and #r are back"
               + " (random values are drawn again; files they write were written again).";
    }

    private static string FirstLine(string? text) => (text ?? "failed").Split('\n')[0].Trim();
}
