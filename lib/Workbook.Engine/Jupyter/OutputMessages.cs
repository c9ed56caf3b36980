using System.Text.Json.Nodes;
using Workbook.Kernel;
using Workbook.Notebooks;

namespace Workbook.Jupyter;

/// <summary>Turns the engine's nbformat outputs into iopub messages (type and content): stream, display_data and
/// update_display_data with <c>transient.display_id</c>, execute_result, error.</summary>
public static class OutputMessages
{
    public static (string Type, JsonObject Content) From(CellOutput cell, int executionCount)
    {
        var output = cell.Output;
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                return ("stream", new JsonObject { ["name"] = output["name"]?.DeepClone(), ["text"] = NotebookJson.JoinLines(output["text"]) });
            case "error":
                return ("error", ErrorContent(output));
        }
        var content = new JsonObject { ["data"] = Data(output["data"] as JsonObject), ["metadata"] = output["metadata"]?.DeepClone() ?? new JsonObject() };
        if (cell.IsResult)
        {
            content["execution_count"] = executionCount;
            return ("execute_result", content);
        }
        if (cell.DisplayId is not null) content["transient"] = new JsonObject { ["display_id"] = cell.DisplayId };
        return (cell.Update ? "update_display_data" : "display_data", content);
    }

    /// <summary>ename, evalue and traceback of an nbformat error output.</summary>
    public static JsonObject ErrorContent(JsonObject error) => new()
    {
        ["ename"] = error["ename"]?.DeepClone() ?? "Error",
        ["evalue"] = error["evalue"]?.DeepClone() ?? "",
        ["traceback"] = error["traceback"]?.DeepClone() ?? new JsonArray(),
    };

    /// <summary>nbformat stores text as line arrays; the protocol sends one string (JSON mimes stay JSON).</summary>
    private static JsonObject Data(JsonObject? data)
    {
        var result = new JsonObject();
        foreach (var (mime, value) in data ?? [])
            result[mime] = value is JsonArray && !mime.EndsWith("json", StringComparison.Ordinal) ? NotebookJson.JoinLines(value) : value?.DeepClone();
        return result;
    }
}
