using Workbook.Notebooks;

namespace Workbook.Grading;

/// <summary>The notebook that is graded for a submission: the source's cells in the source's order, hidden tests in,
/// with only the solution cells' code taken from the submission (matched by <c>grade_id</c>). So an edited, deleted or
/// moved test or locked cell changes nothing; a deleted solution cell is graded as the unanswered stub. Cells the
/// student added (no grade_id, or one the source does not have) are dropped: only the exercise's cells run, so a
/// helper belongs inside the solution cell. Each such event becomes a note in the feedback.</summary>
public static class CellRestorer
{
    public static (Notebook Graded, IReadOnlyList<string> Notes) Restore(SourceNotebook source, Notebook submission)
    {
        var notes = new List<string>();
        var byId = new Dictionary<string, NotebookCell>(StringComparer.Ordinal);
        int added = 0, duplicates = 0;
        foreach (var cell in submission.Cells)
        {
            var id = Nbgrader.GradeId(cell);
            if (id is null || source.Cell(id) is null) { if (cell.IsCode && !string.IsNullOrWhiteSpace(cell.Source)) added++; continue; }
            if (!byId.TryAdd(id, cell)) duplicates++;
        }
        var graded = Notebook.Parse(source.Notebook.ToJson(), source.Path);
        foreach (var cell in graded.Cells)
        {
            cell.ClearOutputs();
            var id = Nbgrader.GradeId(cell);
            var role = Nbgrader.Role(cell);
            byId.TryGetValue(id ?? "", out var theirs);
            if (role == CellRole.Solution)
            {
                if (theirs is null)
                {
                    cell.Source = Regions.StubSolutions(cell.Source);
                    notes.Add($"Cell '{id}' is missing from the submission; it was graded as the unanswered stub.");
                }
                else cell.Source = theirs.Source;
                continue;
            }
            if (!cell.IsCode && role != CellRole.Graded) continue;
            var released = role == CellRole.Graded ? Regions.WithoutHiddenTests(cell.Source) : cell.Source;
            if (theirs is null) notes.Add($"Cell '{id}' is missing from the submission; the source's version was run.");
            else if (Trim(theirs.Source) != Trim(released)) notes.Add($"Cell '{id}' was edited; the source's version was run instead.");
        }
        if (added > 0) notes.Add($"{added} code cell(s) you added were not run: grading runs only the exercise's cells, so put helpers inside your solution cell.");
        if (duplicates > 0) notes.Add($"{duplicates} cell(s) repeat a grade_id; the first of each was used.");
        return (graded, notes);
    }

    private static string Trim(string source) => source.Replace("\r\n", "\n").TrimEnd();
}
