using System.Text.Json.Nodes;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Commands;

/// <summary>The error paths of `workbook export` and the output-size limit of `workbook check`.</summary>
public sealed class ExportAndCheckCommandTests : IDisposable
{
    private readonly string dir = TestFiles.TempDir("export-check");

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task ExportNamesWhatIsWrong()
    {
        var notebook = TestFiles.Fixture("export.ipynb");
        var (code, _, err) = await CommandRunner.Run("export", notebook, "--to", "html");
        Assert.Equal(2, code);
        Assert.Contains("--to html is not supported", err);
        (code, _, err) = await CommandRunner.Run("export", "--to", "file-app");
        Assert.Equal(2, code);
        Assert.Contains("exactly one notebook", err);
        var missing = Path.Combine(dir, "missing.ipynb");
        (code, _, err) = await CommandRunner.Run("export", missing, "--to", "file-app");
        Assert.Equal(2, code);
        Assert.Contains($"'{missing}' does not exist", err);
        var outFile = Path.Combine(dir, "never.cs");
        (code, _, err) = await CommandRunner.Run("export", TestFiles.Fixture("malformed.ipynb"), "--to", "file-app", "--out", outFile);
        Assert.Equal(1, code);
        Assert.NotEqual("", err.Trim());
        Assert.False(File.Exists(outFile), "a malformed notebook must not leave an exported file");
    }

    [Fact]
    public async Task CheckEnforcesTheOutputSizeLimit()
    {
        // basics.ipynb with ~3 KB of committed stream output in its first code cell.
        var json = JsonNode.Parse(File.ReadAllText(TestFiles.Fixture("basics.ipynb")))!;
        var cell = json["cells"]!.AsArray().First(c => c!["cell_type"]!.GetValue<string>() == "code")!;
        cell["outputs"] = new JsonArray(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = new string('x', 3000) });
        var path = Path.Combine(dir, "big-output.ipynb");
        File.WriteAllText(path, json.ToJsonString());
        var (code, output, err) = await CommandRunner.Run("check", path);
        Assert.True(code == 0, err);                                                              // 3 KB < the 500 KB default
        Assert.Contains("ok", output);
        (code, _, err) = await CommandRunner.Run("check", path, "--max-output-kb", "2");
        Assert.Equal(1, code);
        Assert.Contains("over the 2 KB limit", err);
        (code, _, err) = await CommandRunner.Run("check", path, "--max-output-kb", "0");
        Assert.Equal(2, code);
        Assert.Contains("--max-output-kb must be positive", err);
    }
}
