using System.Text.Json.Nodes;

namespace Workbook.Kernel;

/// <summary>One output of a running cell as the child reports it, for live observers (the Jupyter kernel):
/// the nbformat output, its display id, whether it replaces that display (update), and whether it is the cell's
/// value (Jupyter's execute_result; <c>workbook run</c> saves it as display_data, as VS Code does).</summary>
public sealed record CellOutput(JsonObject Output, string? DisplayId, bool Update, bool IsResult);
