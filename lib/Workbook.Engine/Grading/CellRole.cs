using System.Text.Json.Nodes;
using Workbook.Notebooks;

namespace Workbook.Grading;

/// <summary>What a cell is to the grader, from its nbgrader metadata (schema version 3).</summary>
public enum CellRole
{
    /// <summary>No nbgrader metadata (e.g. a cell a student added).</summary>
    None,
    /// <summary>Locked and not graded: task text, setup, shared checks.</summary>
    Locked,
    /// <summary>The student's answer (<c>solution: true</c>).</summary>
    Solution,
    /// <summary>An autograder test cell (<c>grade: true</c>, with points).</summary>
    Graded,
}

/// <summary>Reads a cell's <c>metadata.nbgrader</c>.</summary>
public static class Nbgrader
{
    public static JsonObject? Of(NotebookCell cell) => cell.Metadata["nbgrader"] as JsonObject;

    public static string? GradeId(NotebookCell cell) => Of(cell)?["grade_id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;

    public static double Points(NotebookCell cell) => Of(cell)?["points"] is JsonValue v && v.TryGetValue<double>(out var p) ? p : 0;

    public static CellRole Role(NotebookCell cell)
    {
        if (Of(cell) is not { } g) return CellRole.None;
        if (Flag(g, "solution")) return CellRole.Solution;   // a manually graded answer is still the student's cell
        if (Flag(g, "grade")) return CellRole.Graded;
        return CellRole.Locked;
    }

    public static bool Flag(JsonObject g, string name) => g[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
