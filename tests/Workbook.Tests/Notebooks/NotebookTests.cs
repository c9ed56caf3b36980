using System.Text.Json.Nodes;
using Workbook.Notebooks;

namespace Workbook.Tests.Notebooks;

public sealed class NotebookTests
{
    [Theory]
    [InlineData("basics.ipynb")]
    [InlineData("parameters.ipynb")]
    [InlineData("train-tiny.ipynb")]
    public void LoadThenWriteReproducesTheFileByteForByte(string name)
    {
        var text = File.ReadAllText(TestFiles.Fixture(name));
        Assert.Equal(text, Notebook.Parse(text).ToJson());
    }

    [Fact]
    public void UnknownMetadataSurvivesARoundTrip()
    {
        var json = """
            {"cells": [{"cell_type": "code", "execution_count": null, "id": "x1", "metadata": {"custom": {"keep": [1, 2]}},
              "outputs": [], "source": "a\nb"}],
             "metadata": {"kernelspec": {"name": ".net-csharp"}, "mystery": {"nested": true}}, "nbformat": 4, "nbformat_minor": 4}
            """;
        var notebook = Notebook.Parse(json);
        Assert.Equal("a\nb", notebook.Cells[0].Source);
        var again = JsonNode.Parse(notebook.ToJson())!;
        Assert.Equal("true", again["metadata"]!["mystery"]!["nested"]!.ToJsonString());
        Assert.Equal("[1,2]", again["cells"]![0]!["metadata"]!["custom"]!["keep"]!.ToJsonString());
        Assert.Equal(4, again["nbformat_minor"]!.GetValue<int>());
        // Source is rewritten in line-array form only when set; an untouched string source stays a string.
        Assert.Equal("\"a\\nb\"", again["cells"]![0]!["source"]!.ToJsonString());
    }

    [Fact]
    public void MalformedJsonNamesLineAndColumn()
    {
        var e = Assert.Throws<NotebookFormatException>(() => Notebook.Load(TestFiles.Fixture("malformed.ipynb")));
        Assert.Contains("malformed.ipynb: invalid JSON at line 6, column 3", e.Message);
    }

    [Theory]
    [InlineData("[1, 2]", "the top level is not a JSON object")]
    [InlineData("{\"nbformat\": 3, \"cells\": []}", "nbformat is 3, expected 4")]
    [InlineData("{\"nbformat\": 4}", "\"cells\" is missing")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"source\": []}]}", "cell 1 is not an object with a cell_type")]
    public void StructuralProblemsAreNamed(string json, string expected)
    {
        var e = Assert.Throws<NotebookFormatException>(() => Notebook.Parse(json, "x.ipynb"));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void LinesKeepTheirNewlinesExceptTheLast()
    {
        var lines = NotebookJson.ToLines("a\n\nb\n");
        Assert.Equal(["a\n", "\n", "b\n"], lines.Select(l => l!.GetValue<string>()));
        Assert.Equal(["x\n", "y"], NotebookJson.ToLines("x\ny").Select(l => l!.GetValue<string>()));
        Assert.Equal("x\ny", NotebookJson.JoinLines(NotebookJson.ToLines("x\ny")));
    }

    [Fact]
    public void NewCellsCarryPolyglotKernelMetadata()
    {
        var cell = NotebookCell.NewCSharp("var a = 1;", "injected-parameters");
        Assert.Equal("csharp", cell.KernelName);
        Assert.Equal(["injected-parameters"], cell.Tags);
        Assert.Equal("csharp", cell.Metadata["dotnet_interactive"]!["language"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{8}$", cell.Json["id"]!.GetValue<string>());
    }
}
