using System.Text.RegularExpressions;

namespace Workbook.Notebooks;

/// <summary>Parses <c>#r "nuget: Name[, Version]"</c> lines (the Polyglot package directive).</summary>
public static partial class NugetDirective
{
    [GeneratedRegex("""^\s*#r\s+"\s*nuget\s*:\s*(?<name>[^,"]+?)\s*(,\s*(?<version>[^"]*?)\s*)?"\s*$""")]
    private static partial Regex Pattern();

    /// <summary>True when <paramref name="line"/> is a nuget directive; version is null when not given.</summary>
    public static bool TryParse(string line, out string name, out string? version)
    {
        var m = Pattern().Match(line);
        name = m.Success ? m.Groups["name"].Value : "";
        version = m.Success && m.Groups["version"].Success && m.Groups["version"].Value.Length > 0 ? m.Groups["version"].Value : null;
        return m.Success;
    }
}
