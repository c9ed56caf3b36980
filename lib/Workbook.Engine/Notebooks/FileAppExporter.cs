using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Workbook.Notebooks;

/// <summary>Converts a C# notebook into a .NET 10 file-based app (<c>dotnet run app.cs</c>), the migration path
/// upstream recommends. Package directives become <c>#:package Name@Version</c>, <c>#r</c> of a project's build
/// output becomes <c>#:project</c>, usings are hoisted, type declarations move after the top-level statements,
/// markdown becomes <c>//</c> comments, and a cell's last expression is printed as the kernel would display it.
/// <c>display(...)</c>/<c>.Display()</c> come from a helper appended to the file (<see cref="FileAppHelper"/>).</summary>
public static class FileAppExporter
{
    private static readonly CSharpParseOptions ScriptParse = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    public static string Export(Notebook notebook, string notebookPath, string outputFile)
    {
        var notebookDir = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        var outputDir = Path.GetDirectoryName(Path.GetFullPath(outputFile))!;
        var central = CentralPackages.Find(notebookDir);
        var directives = new List<string>();
        var usings = new List<string> { "using System.Collections;", "using System.Text;", "using static NotebookDisplay;" };
        var body = new StringBuilder();
        var types = new StringBuilder();
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.IsMarkdown) { body.Append(Comment(cell.Source)).Append('\n'); continue; }
            if (!cell.IsCode || string.IsNullOrWhiteSpace(cell.Source)) continue;
            body.Append($"// ---- cell {i + 1} ----\n");
            var code = Directives(cell.Source, notebookDir, outputDir, central, directives, body);
            Translate(code, usings, body, types);
            body.Append('\n');
        }
        if (CentralPackages.Find(outputDir) is not null) directives.Add("#:property ManagePackageVersionsCentrally=false");
        directives.Add("#:property PublishAot=false"); // the display helper formats tensors through reflection
        var file = new StringBuilder();
        file.Append($"// Exported from {Path.GetFileName(notebookPath)} by `workbook export`. Run: dotnet run {Path.GetFileName(outputFile)}\n");
        foreach (var d in directives.Distinct()) file.Append(d).Append('\n');
        file.Append('\n');
        foreach (var u in usings.Distinct()) file.Append(u).Append('\n');
        file.Append('\n').Append(body).Append(types).Append('\n').Append(FileAppHelper.Source);
        return file.ToString();
    }

    /// <summary>Turns directive lines into file-app directives (or comments) and returns the remaining code.</summary>
    private static string Directives(string source, string notebookDir, string outputDir, CentralPackages? central, List<string> directives, StringBuilder body)
    {
        var code = new StringBuilder();
        var markdown = false;
        foreach (var raw in source.Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                var magic = line[2..].Split(' ', 2)[0];
                if (magic == "markdown") markdown = true;
                else if (magic is "csharp" or "c#" or "C#") markdown = false;
                else body.Append($"// (notebook magic {line} has no file-app equivalent)\n");
                continue;
            }
            if (markdown) { body.Append(Comment(raw)).Append('\n'); continue; }
            if (NugetDirective.TryParse(line, out var name, out var version))
            {
                version ??= central?.Versions.GetValueOrDefault(name) ?? "*";
                directives.Add($"#:package {name}@{version}");
                continue;
            }
            if (line.StartsWith("#r \"", StringComparison.Ordinal))
            {
                var path = line[4..].TrimEnd().TrimEnd('"');
                var project = ProjectOf(Path.GetFullPath(Path.Combine(notebookDir, path)));
                if (project is not null) directives.Add($"#:project {Path.GetRelativePath(outputDir, project).Replace('\\', '/')}");
                else body.Append($"// {line}: no project found for this assembly; reference it from a .csproj instead\n");
                continue;
            }
            if (line.StartsWith("#i ", StringComparison.Ordinal) || line.StartsWith("#load ", StringComparison.Ordinal))
            {
                body.Append($"// {line} (not supported in a file-based app)\n");
                continue;
            }
            code.Append(raw).Append('\n');
        }
        return code.ToString();
    }

    /// <summary>For <c>.../Proj/bin/Debug/net10.0/Proj.dll</c>: the folder <c>.../Proj</c> when it holds a .csproj.</summary>
    private static string? ProjectOf(string assemblyPath)
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(assemblyPath)!); dir is not null; dir = dir.Parent)
            if (dir.Name == "bin" && dir.Parent is { } project && project.Exists && project.GetFiles("*.csproj").Length > 0)
                return project.FullName;
        return null;
    }

    private static void Translate(string code, List<string> usings, StringBuilder body, StringBuilder types)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, ScriptParse).GetRoot();
        usings.AddRange(root.Usings.Select(u => u.ToString().Trim()));
        var members = root.Members;
        for (int m = 0; m < members.Count; m++)
        {
            var member = members[m];
            if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax) { types.Append(member.ToFullString().Trim('\n')).Append("\n\n"); continue; }
            if (m == members.Count - 1 && member is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last })
            {
                body.Append(last.GetLeadingTrivia().ToFullString()).Append(ShowLastValue(last.Expression)).Append('\n');
                continue;
            }
            body.Append(member.ToFullString().TrimEnd()).Append('\n');
        }
    }

    /// <summary>The kernel displays a cell's trailing expression; the app prints it (a void call just runs).</summary>
    private static string ShowLastValue(ExpressionSyntax expression)
    {
        var text = expression.WithoutTrivia().ToString();
        if (expression.DescendantNodesAndSelf().OfType<AwaitExpressionSyntax>().Any())
            return $"await NotebookDisplay.ShowAsync(async () => {text});";
        return $"NotebookDisplay.Show(() => {text});";
    }

    private static string Comment(string text) =>
        string.Join("\n", text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? "//" : "// " + l));
}
