using System.Text.Json.Nodes;

namespace Workbook.Kernel;

/// <summary>Outputs of one executed cell (nbformat output objects, streams merged) and how it ended.
/// <see cref="Error"/> is the compiler/runtime message (with line) when it did not end <see cref="CellStatus.Ok"/>.</summary>
public sealed record CellResult(CellStatus Status, IReadOnlyList<JsonObject> Outputs, string? Error, TimeSpan Elapsed);
