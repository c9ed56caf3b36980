using System.Text;

namespace Workbook.Notebooks;

/// <summary>Static checks of a notebook, without executing it: valid nbformat 4 with cell ids (4.5), Polyglot metadata so VS Code
/// picks the C# kernel, <c>#r</c> only in the setup (first code) cell, pinned package versions that agree with
/// Directory.Packages.props, and no committed outputs larger than a limit.</summary>
public static class NotebookChecker
{
    public static IReadOnlyList<CheckIssue> Check(string path, int maxOutputKb = 500)
    {
        Notebook notebook;
        try { notebook = Notebook.Load(path); }
        catch (NotebookFormatException e) { return [new CheckIssue(path, null, e.Message.StartsWith(path, StringComparison.Ordinal) ? e.Message[(path.Length + 2)..] : e.Message)]; }
        var issues = new List<CheckIssue>();
        CheckMetadata(notebook, path, issues);
        issues.AddRange(CellIds.Problems(notebook).Select(p => new CheckIssue(path, p.Cell, p.Message)));
        var central = CentralPackages.Find(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        bool firstCode = true;
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (!cell.IsCode) continue;
            var kernel = cell.KernelName;
            if (kernel is null)
                issues.Add(new CheckIssue(path, i + 1, "code cell has no metadata.polyglot_notebook.kernelName; VS Code may not pick the C# kernel."));
            CheckDirectives(cell, i + 1, firstCode, central, path, issues);
            if (!string.IsNullOrWhiteSpace(cell.Source)) firstCode = false;
            var size = Encoding.UTF8.GetByteCount(NotebookJson.Serialize(cell.Outputs));
            if (size > maxOutputKb * 1024)
                issues.Add(new CheckIssue(path, i + 1, $"committed outputs are {size / 1024} KB, over the {maxOutputKb} KB limit (clear outputs before committing)."));
        }
        return issues;
    }

    private static void CheckMetadata(Notebook notebook, string path, List<CheckIssue> issues)
    {
        var spec = notebook.Metadata["kernelspec"]?["name"]?.GetValue<string>();
        if (spec != ".net-csharp")
            issues.Add(new CheckIssue(path, null, $"metadata.kernelspec.name is {(spec is null ? "missing" : $"'{spec}'")}, expected '.net-csharp'."));
        var info = notebook.Metadata["polyglot_notebook"]?["kernelInfo"];
        if (info is null)
        {
            issues.Add(new CheckIssue(path, null, "metadata.polyglot_notebook.kernelInfo is missing (VS Code Polyglot Notebooks reads the kernels from it)."));
            return;
        }
        var defaultKernel = info["defaultKernelName"]?.GetValue<string>();
        if (defaultKernel != "csharp")
            issues.Add(new CheckIssue(path, null, $"metadata.polyglot_notebook.kernelInfo.defaultKernelName is {(defaultKernel is null ? "missing" : $"'{defaultKernel}'")}, expected 'csharp'."));
        var items = info["items"]?.AsArray().Select(x => x?["name"]?.GetValue<string>()).ToList() ?? [];
        if (!items.Contains("csharp"))
            issues.Add(new CheckIssue(path, null, "metadata.polyglot_notebook.kernelInfo.items does not list the 'csharp' kernel."));
    }

    private static void CheckDirectives(NotebookCell cell, int number, bool setupCell, CentralPackages? central, string path, List<CheckIssue> issues)
    {
        var lines = cell.Source.Replace("\r\n", "\n").Split('\n');
        for (int l = 0; l < lines.Length; l++)
        {
            var line = lines[l].Trim();
            if (!line.StartsWith("#r ", StringComparison.Ordinal) && !line.StartsWith("#r\t", StringComparison.Ordinal)) continue;
            if (!setupCell)
                issues.Add(new CheckIssue(path, number, $"line {l + 1}: `{line}`: #r directives belong in the setup cell (the first code cell)."));
            if (!NugetDirective.TryParse(line, out var name, out var version)) continue;
            if (version is null or "*" or "*-*")
            {
                issues.Add(new CheckIssue(path, number, $"line {l + 1}: package {name} has no pinned version."));
                continue;
            }
            if (central is null) continue;
            if (!central.Versions.TryGetValue(name, out var pinned))
                issues.Add(new CheckIssue(path, number, $"line {l + 1}: package {name} is not in {central.Path}."));
            else if (pinned != version)
                issues.Add(new CheckIssue(path, number, $"line {l + 1}: package {name} version {version} does not match {central.Path} ({pinned})."));
        }
    }
}
