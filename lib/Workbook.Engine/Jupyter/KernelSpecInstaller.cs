using System.Globalization;
using System.Text.Json.Nodes;
using Workbook.Kernel;

namespace Workbook.Jupyter;

/// <summary>Writes and removes the kernelspec (<c>kernels/NAME/kernel.json</c>) that starts
/// <c>workbook jupyter kernel {connection_file}</c>. The default name <c>.net-csharp</c> is the one every Polyglot
/// notebook carries, so existing notebooks, nbconvert, papermill and VS Code resolve it without an edit.</summary>
public static class KernelSpecInstaller
{
    public const string DefaultName = ".net-csharp";
    public const string DisplayName = ".NET (C#)";

    /// <summary>Installs under <paramref name="dataDir"/>/kernels; returns what was done, one line per fact.
    /// Someone else's spec of that name (e.g. dotnet-interactive's) is moved to kernels-backup/ first.</summary>
    public static IReadOnlyList<string> Install(string dataDir, string name)
    {
        var notes = new List<string>();
        var folder = Path.Combine(dataDir, "kernels", name);
        var specFile = Path.Combine(folder, "kernel.json");
        if (Directory.Exists(folder) && !IsOurs(specFile))
        {
            var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            var backup = Path.Combine(dataDir, "kernels-backup", $"{name}.{stamp}");
            Directory.CreateDirectory(Path.GetDirectoryName(backup)!);
            Directory.Move(folder, backup);
            notes.Add($"an existing kernelspec '{name}' was replaced; its backup is {backup}");
        }
        Directory.CreateDirectory(folder);
        File.WriteAllText(specFile, Spec().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        notes.Add($"installed kernelspec '{name}' ({DisplayName}) in {folder}");
        return notes;
    }

    /// <summary>Removes the spec; false when there is none.</summary>
    public static bool Uninstall(string dataDir, string name)
    {
        var folder = Path.Combine(dataDir, "kernels", name);
        if (!Directory.Exists(folder)) return false;
        Directory.Delete(folder, recursive: true);
        return true;
    }

    /// <summary>kernel.json: this workbook's dotnet host and dll; interrupts as messages (SIGINT would end .NET).</summary>
    public static JsonObject Spec() => new()
    {
        ["argv"] = new JsonArray(KernelProcess.DotnetHost(), HostApplication.AssemblyPath, "jupyter", "kernel", "{connection_file}"),
        ["display_name"] = DisplayName,
        ["language"] = "C#",
        ["interrupt_mode"] = "message",
        ["metadata"] = new JsonObject { ["workbook"] = new JsonObject { ["version"] = KernelInfo.Version } },
    };

    private static bool IsOurs(string specFile)
    {
        try { return File.Exists(specFile) && JsonNode.Parse(File.ReadAllText(specFile))?["metadata"]?["workbook"] is not null; }
        catch (System.Text.Json.JsonException) { return false; }
    }
}
