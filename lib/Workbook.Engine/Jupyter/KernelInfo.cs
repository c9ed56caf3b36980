using System.Reflection;
using System.Text.Json.Nodes;

namespace Workbook.Jupyter;

/// <summary>The kernel_info_reply content. protocol_version and language_info are required by jupyter_client and
/// nbclient; status "ok" by JupyterLab. language_info matches what Polyglot notebooks carry (name "C#").</summary>
public static class KernelInfo
{
    public static string Version { get; } =
        typeof(KernelInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";

    public static JsonObject Content() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = "workbook",
        ["implementation_version"] = Version,
        ["language_info"] = new JsonObject
        {
            ["name"] = "C#",
            ["version"] = "14.0",
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
        },
        ["banner"] = $"workbook {Version}: C# (Roslyn scripting) with TorchSharp, Plotly.NET and the course library",
        ["help_links"] = new JsonArray(),
    };
}
