using System.Text.Json.Nodes;

namespace Workbook.Kernel;

/// <summary>The parent/child protocol. Requests go to the child's stdin as JSON lines
/// (<c>{"op":"init","dir":...}</c>, <c>{"op":"run","code":...,"kernel":...}</c>, <c>{"op":"complete"|"inspect","code":...,"pos":N}</c>). Events come back on the child's
/// stdout as JSON lines that start with <see cref="Prefix"/>; any other stdout text was written by native code
/// (libtorch) straight to fd 1 and is treated as the running cell's stdout.</summary>
public static class KernelProtocol
{
    /// <summary>Marks a protocol line (ASCII record separator, then a tag no program prints by accident).</summary>
    public const string Prefix = "\u001e#workbook# ";

    /// <summary>Event kinds sent by the child.</summary>
    public const string Ready = "ready", Output = "output", Update = "update", Done = "done", Completions = "completions", Inspection = "inspection",
        Input = "input";   // the cell reads Console.In; the parent answers {"op":"input","value":line or null}

    /// <summary>A stream output (<c>stdout</c>/<c>stderr</c>) in nbformat form.</summary>
    public static JsonObject Stream(string name, string text) => new()
    {
        ["name"] = name,
        ["output_type"] = "stream",
        ["text"] = Notebooks.NotebookJson.ToLines(text),
    };

    /// <summary>A display_data output with the given mime bundle.</summary>
    public static JsonObject DisplayData(JsonObject data) => new()
    {
        ["data"] = data,
        ["metadata"] = new JsonObject(),
        ["output_type"] = "display_data",
    };

    /// <summary>An error output as VS Code saves it: ename "Error", evalue = the message, traceback = its lines.</summary>
    public static JsonObject Error(string message) => new()
    {
        ["ename"] = "Error",
        ["evalue"] = message,
        ["output_type"] = "error",
        ["traceback"] = new JsonArray(message.Replace("\r\n", "\n").Split('\n').Select(l => (JsonNode?)l).ToArray()),
    };
}
