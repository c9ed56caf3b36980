namespace Workbook.Kernel;

/// <summary>A part of a cell that one kernel runs: "csharp" code or "markdown" text (after a <c>#!markdown</c> line).
/// Code keeps blank lines where directives were, so compiler line numbers match the cell.</summary>
public sealed record CellSegment(string Kernel, string Text);
