using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbook.Notebooks;

/// <summary>JSON conventions of .ipynb files as Polyglot Notebooks writes them: 1-space indent, "\n" newlines,
/// non-ASCII kept as is, multi-line strings stored as arrays of lines (each keeping its trailing "\n").</summary>
public static class NotebookJson
{
    /// <summary>Serializer options matching the Polyglot/Jupyter layout.</summary>
    public static JsonSerializerOptions WriteOptions { get; } = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Splits text into nbformat line array form: every line but the last keeps its "\n".</summary>
    public static JsonArray ToLines(string text)
    {
        var lines = new JsonArray();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    /// <summary>Joins a multi-line value that may be a string or an array of strings (both are valid nbformat).</summary>
    public static string JoinLines(JsonNode? node)
    {
        switch (node)
        {
            case null: return "";
            case JsonValue v when v.TryGetValue<string>(out var s): return s;
            case JsonArray a:
                var sb = new StringBuilder();
                foreach (var item in a) sb.Append(item?.GetValue<string>() ?? "");
                return sb.ToString();
            default: return node.ToJsonString();
        }
    }

    /// <summary>Serialises a node with the notebook layout.</summary>
    public static string Serialize(JsonNode node) => node.ToJsonString(WriteOptions);
}
