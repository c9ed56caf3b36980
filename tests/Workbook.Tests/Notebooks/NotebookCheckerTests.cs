using System.Text.Json.Nodes;
using Workbook.Notebooks;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Notebooks;

public sealed class NotebookCheckerTests
{
    private const string Props = """
        <Project><ItemGroup>
          <PackageVersion Include="TorchSharp-cpu" Version="0.107.0" />
          <PackageVersion Include="Plotly.NET.CSharp" Version="0.14.0" />
        </ItemGroup></Project>
        """;

    /// <summary>A copy of basics.ipynb (valid Polyglot metadata) edited by <paramref name="edit"/>, in a folder
    /// whose parent holds a Directory.Packages.props (found by walking up).</summary>
    private static string Variant(Action<Notebook> edit)
    {
        var root = TestFiles.TempDir("check");
        File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), Props);
        Directory.CreateDirectory(Path.Combine(root, "notebooks"));
        var notebook = Notebook.Load(TestFiles.Fixture("basics.ipynb"));
        edit(notebook);
        var path = Path.Combine(root, "notebooks", "n.ipynb");
        notebook.Save(path);
        return path;
    }

    [Fact]
    public void AWellFormedNotebookHasNoIssues() => Assert.Empty(NotebookChecker.Check(Variant(_ => { })));

    [Fact]
    public void MissingAndDuplicateCellIdsAreReportedPerCell()
    {
        var path = Variant(n => { n.Cells[0].Json.Remove("id"); n.Cells[2].Json["id"] = n.Cells[1].Json["id"]!.GetValue<string>(); });
        var issues = NotebookChecker.Check(path).Select(i => i.ToString()).ToList();
        Assert.Equal(2, issues.Count);
        Assert.Contains(issues, i => i.Contains("cell 1: has no \"id\"; nbformat 4.5 requires one"));
        Assert.Contains(issues, i => i.Contains("cell 3: id '") && i.Contains("is already used by cell 2"));
    }

    [Fact]
    public void IdsBeforeNbformat45AreReported()
    {
        var path = Variant(n => n.Root["nbformat_minor"] = 4);
        var issue = NotebookChecker.Check(path).First();
        Assert.Contains("which nbformat 4.4 does not allow", issue.Message);
    }

    [Fact]
    public void MismatchedPinReportsBothVersions()
    {
        var path = Variant(n => n.Cells[1].Source = "#r \"nuget: TorchSharp-cpu, 0.105.0\"\n#r \"nuget: Plotly.NET.CSharp\"");
        var issues = NotebookChecker.Check(path).Select(i => i.ToString()).ToList();
        Assert.Contains(issues, i => i.Contains("cell 2: line 1: package TorchSharp-cpu version 0.105.0 does not match") && i.Contains("(0.107.0)"));
        Assert.Contains(issues, i => i.Contains("cell 2: line 2: package Plotly.NET.CSharp has no pinned version"));
    }

    [Fact]
    public void DirectivesOutsideTheSetupCellAreReported()
    {
        var path = Variant(n => n.Cells[3].Source = "#r \"nuget: TorchSharp-cpu, 0.107.0\"\n1");
        var issue = Assert.Single(NotebookChecker.Check(path));
        Assert.Equal(4, issue.Cell);
        Assert.Contains("belong in the setup cell", issue.Message);
    }

    [Fact]
    public void MissingPolyglotMetadataIsReported()
    {
        var path = Variant(n =>
        {
            n.Metadata.Remove("polyglot_notebook");
            n.Metadata["kernelspec"]!["name"] = "python3";
            n.Cells[2].Metadata.Remove("polyglot_notebook");
            n.Cells[2].Metadata.Remove("dotnet_interactive");
        });
        var issues = NotebookChecker.Check(path).Select(i => i.ToString()).ToList();
        Assert.Contains(issues, i => i.Contains("kernelspec.name is 'python3', expected '.net-csharp'"));
        Assert.Contains(issues, i => i.Contains("polyglot_notebook.kernelInfo is missing"));
        Assert.Contains(issues, i => i.Contains("cell 3: code cell has no metadata.polyglot_notebook.kernelName"));
    }

    [Fact]
    public void LargeCommittedOutputsAreReported()
    {
        var path = Variant(n => n.Cells[2].Outputs.Add(new JsonObject
        {
            ["name"] = "stdout", ["output_type"] = "stream", ["text"] = new string('x', 3 * 1024),
        }));
        Assert.Empty(NotebookChecker.Check(path, maxOutputKb: 4));
        var issue = Assert.Single(NotebookChecker.Check(path, maxOutputKb: 2));
        Assert.Contains("over the 2 KB limit", issue.Message);
    }

    [Fact]
    public async Task CheckVerbReportsMalformedJsonWithoutCrashing()
    {
        var (code, output, err) = await CommandRunner.Run("check", TestFiles.Fixture("malformed.ipynb"), TestFiles.Fixture("basics.ipynb"));
        Assert.Equal(1, code);
        Assert.Contains("malformed.ipynb: invalid JSON at line 6, column 3", err);
        Assert.Contains("basics.ipynb: ok", output);
    }
}
