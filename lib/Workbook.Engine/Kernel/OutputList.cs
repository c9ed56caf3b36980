using System.Text.Json.Nodes;

namespace Workbook.Kernel;

/// <summary>Collects a cell's outputs as the kernel front end does: consecutive stream outputs of the same name are
/// merged, and an update of a display id replaces that display's data in place. An observer sees every output as
/// it arrives, before merging.</summary>
public sealed class OutputList(Action<CellOutput>? observer = null)
{
    private readonly List<JsonObject> items = new();
    private readonly Dictionary<string, int> displays = new();

    public IReadOnlyList<JsonObject> Items => items;

    public void Add(JsonObject output, string? displayId, bool update, bool isResult = false)
    {
        output.Parent?.AsObject().Remove("output");
        observer?.Invoke(new CellOutput(output, displayId, update, isResult));
        if (update && displayId is not null && displays.TryGetValue(displayId, out var index))
        {
            items[index] = output;
            return;
        }
        if (output["output_type"]?.GetValue<string>() == "stream" && items.Count > 0
            && items[^1]["output_type"]?.GetValue<string>() == "stream"
            && items[^1]["name"]?.GetValue<string>() == output["name"]?.GetValue<string>())
        {
            var merged = Notebooks.NotebookJson.JoinLines(items[^1]["text"]) + Notebooks.NotebookJson.JoinLines(output["text"]);
            items[^1]["text"] = Notebooks.NotebookJson.ToLines(merged);
            return;
        }
        if (displayId is not null) displays[displayId] = items.Count;
        items.Add(output);
    }
}
