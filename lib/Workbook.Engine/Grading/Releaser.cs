using System.Text.Json.Nodes;
using Workbook.Notebooks;

namespace Workbook.Grading;

/// <summary>The student version of a source (nbgrader's <c>generate_assignment</c>): each solution region becomes
/// <c>// YOUR CODE HERE</c> + <c>throw new NotImplementedException();</c>, hidden tests are removed, outputs cleared, and
/// every test and locked cell gets <c>nbgrader.checksum</c> of its released form (so grading can tell an edited one).</summary>
public static class Releaser
{
    public static Notebook Release(SourceNotebook source)
    {
        var released = Notebook.Parse(source.Notebook.ToJson(), source.Path);
        foreach (var cell in released.Cells)
        {
            cell.ClearOutputs();
            switch (Nbgrader.Role(cell))
            {
                case CellRole.Solution:
                    cell.Source = Regions.StubSolutions(cell.Source);
                    break;
                case CellRole.Graded:
                    cell.Source = Regions.WithoutHiddenTests(cell.Source);
                    Nbgrader.Of(cell)!["checksum"] = Checksum.Of(cell);
                    break;
                case CellRole.Locked:
                    Nbgrader.Of(cell)!["checksum"] = Checksum.Of(cell);
                    break;
            }
        }
        return released;
    }

    /// <summary>Whether <paramref name="cell"/> of a submission still has the checksum its release recorded.</summary>
    public static bool Unchanged(NotebookCell cell) =>
        Nbgrader.Of(cell)?["checksum"] is JsonValue v && v.TryGetValue<string>(out var recorded) && recorded == Checksum.Of(cell);
}
