using Workbook.Notebooks;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Kernel;

/// <summary>The README's main job, `workbook run notebooks --out ...`, on the course's first notebook.</summary>
[Collection("Notebook runs")]
public sealed class CourseNotebookTests
{
    [Fact]
    public async Task SetupAndTensorsNotebookRunsAndPassesCheck()
    {
        var notebook = Path.Combine(TestFiles.RepoRoot, "notebooks", "00-setup-and-tensors.ipynb");
        var (checkCode, _, checkErr) = await CommandRunner.Run("check", notebook);
        Assert.True(checkCode == 0, checkErr);

        var outDir = TestFiles.TempDir("course");
        var (code, output, err) = await CommandRunner.Run("run", notebook, "--out", outDir, "--timeout", "120");
        Assert.True(code == 0, err + output);
        var executed = Notebook.Load(Path.Combine(outDir, "00-setup-and-tensors.ipynb"));
        var text = string.Concat(executed.Cells.Where(c => c.IsCode).SelectMany(c => c.Outputs)
            .Select(o => NotebookJson.JoinLines(o!["text"] ?? o["data"]?["text/plain"])));
        Assert.Contains("[[6, -2]\n [15, -2]]", text);        // the matmul worked out in the markdown
        Assert.Contains("inside disposed: True, kept disposed: False", text);
        Assert.Contains("Plotly.newPlot", File.ReadAllText(Path.Combine(outDir, "00-setup-and-tensors.html")));
    }
}
