using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbook.Notebooks;

/// <summary>An nbformat 4 notebook. Keeps the whole JSON document so unknown metadata round-trips verbatim;
/// <see cref="Cells"/> may be edited (outputs set, cells inserted) and <see cref="ToJson"/> writes them back.</summary>
public sealed class Notebook
{
    private Notebook(JsonObject root, List<NotebookCell> cells, string? path)
    {
        Root = root;
        Cells = cells;
        Path = path;
    }

    /// <summary>The document, including metadata the runner does not interpret.</summary>
    public JsonObject Root { get; }

    /// <summary>The cells in order; edits here are written by <see cref="ToJson"/>.</summary>
    public List<NotebookCell> Cells { get; }

    /// <summary>Where the notebook was read from (null when parsed from text).</summary>
    public string? Path { get; }

    /// <summary>Display name used in messages: the file path, or "notebook".</summary>
    public string Name => Path ?? "notebook";

    /// <summary>The first level-1 Markdown heading ("# 01 · Title"), or null when the notebook has none.</summary>
    public string? Title => Cells.Where(c => c.IsMarkdown)
        .SelectMany(c => c.Source.Replace("\r\n", "\n").Split('\n'))
        .FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim();

    public JsonObject Metadata => Root["metadata"] as JsonObject ?? (JsonObject)(Root["metadata"] = new JsonObject());

    /// <summary>The notebook's default kernel: polyglot_notebook.kernelInfo.defaultKernelName, then the legacy
    /// locations, then "csharp" when the kernelspec is .net-csharp.</summary>
    public string? DefaultKernelName =>
        Root["kernelInfo"]?["defaultKernelName"]?.GetValue<string>()
        ?? Metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>()
        ?? Metadata["dotnet_interactive"]?["defaultKernelName"]?.GetValue<string>()
        ?? (Metadata["kernelspec"]?["name"]?.GetValue<string>() == ".net-csharp" ? "csharp" : null);

    public static Notebook Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFormatException($"{path}: cannot read the file: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses nbformat 4 JSON. Throws <see cref="NotebookFormatException"/> naming line and column of a
    /// syntax error, or the missing/invalid field.</summary>
    public static Notebook Parse(string json, string? path = null)
    {
        var name = path ?? "notebook";
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is long l ? $" at line {l + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "";
            var reason = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
            throw new NotebookFormatException($"{name}: invalid JSON{where}: {reason}", e);
        }
        if (node is not JsonObject root) throw new NotebookFormatException($"{name}: the top level is not a JSON object.");
        var format = root["nbformat"] is JsonValue fv && fv.TryGetValue<int>(out var f) ? f : (int?)null;
        if (format != 4) throw new NotebookFormatException($"{name}: nbformat is {(format?.ToString() ?? "missing")}, expected 4.");
        if (root["cells"] is not JsonArray cellArray) throw new NotebookFormatException($"{name}: \"cells\" is missing or not an array.");
        var cells = new List<NotebookCell>();
        for (int i = 0; i < cellArray.Count; i++)
        {
            if (cellArray[i] is not JsonObject cell || cell["cell_type"] is not JsonValue)
                throw new NotebookFormatException($"{name}: cell {i + 1} is not an object with a cell_type.");
            cells.Add(new NotebookCell(cell));
        }
        return new Notebook(root, cells, path);
    }

    /// <summary>The notebook as Polyglot writes it (1-space indent, trailing newline).</summary>
    public string ToJson()
    {
        if (Root["cells"] is not JsonArray array) Root["cells"] = array = new JsonArray();
        array.Clear();
        foreach (var cell in Cells)
        {
            cell.Json.Parent?.AsArray().Remove(cell.Json);
            array.Add(cell.Json);
        }
        return NotebookJson.Serialize(Root) + "\n";
    }

    public void Save(string path)
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path, ToJson());
    }
}
