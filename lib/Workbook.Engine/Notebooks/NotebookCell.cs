using System.Text.Json.Nodes;

namespace Workbook.Notebooks;

/// <summary>One nbformat cell. Wraps its JSON object so that fields the runner does not know (ids, attachments,
/// editor metadata) survive a load/save round trip unchanged.</summary>
public sealed class NotebookCell
{
    /// <summary>Wraps an existing cell object (as parsed from a notebook).</summary>
    public NotebookCell(JsonObject json) => Json = json;

    /// <summary>The cell's JSON, written back verbatim apart from the fields the runner sets.</summary>
    public JsonObject Json { get; }

    /// <summary>"code", "markdown" or "raw".</summary>
    public string CellType => Json["cell_type"]?.GetValue<string>() ?? "";

    public bool IsCode => CellType == "code";

    public bool IsMarkdown => CellType == "markdown";

    /// <summary>The source text (line arrays joined). Setting it writes the line-array form.</summary>
    public string Source
    {
        get => NotebookJson.JoinLines(Json["source"]);
        set => Json["source"] = NotebookJson.ToLines(value);
    }

    public JsonObject Metadata => Json["metadata"] as JsonObject ?? (JsonObject)(Json["metadata"] = new JsonObject());

    /// <summary>Jupyter/papermill tags (<c>metadata.tags</c>).</summary>
    public IReadOnlyList<string> Tags =>
        (Metadata["tags"] as JsonArray)?.Select(t => t?.GetValue<string>() ?? "").ToList() ?? new List<string>();

    /// <summary>The kernel Polyglot would pick from metadata: <c>polyglot_notebook.kernelName</c> beats the legacy
    /// <c>dotnet_interactive.language</c>; null when neither is present (the notebook default applies).</summary>
    public string? KernelName =>
        Metadata["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
        ?? Metadata["dotnet_interactive"]?["language"]?.GetValue<string>();

    /// <summary>The outputs array of a code cell (created when missing).</summary>
    public JsonArray Outputs => Json["outputs"] as JsonArray ?? (JsonArray)(Json["outputs"] = new JsonArray());

    public int? ExecutionCount
    {
        get => Json["execution_count"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;
        set => Json["execution_count"] = value is int n ? JsonValue.Create(n) : null;
    }

    /// <summary>Clears outputs and execution count (a code cell that has not run).</summary>
    public void ClearOutputs()
    {
        if (!IsCode) return;
        Outputs.Clear();
        ExecutionCount = null;
    }

    /// <summary>A new C# code cell with the metadata VS Code writes, so the Polyglot extension picks the C# kernel.</summary>
    public static NotebookCell NewCSharp(string source, params string[] tags)
    {
        var metadata = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
        };
        if (tags.Length > 0) metadata["tags"] = new JsonArray(tags.Select(t => (JsonNode?)t).ToArray());
        return new NotebookCell(new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["id"] = Guid.NewGuid().ToString("N")[..8],
            ["metadata"] = metadata,
            ["outputs"] = new JsonArray(),
            ["source"] = NotebookJson.ToLines(source),
        });
    }
}
