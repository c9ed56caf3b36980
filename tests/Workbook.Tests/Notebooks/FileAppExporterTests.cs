using System.Diagnostics;
using Workbook.Kernel;
using Workbook.Notebooks;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Notebooks;

[Collection("Notebook runs")]
public sealed class FileAppExporterTests
{
    [Fact]
    public void DirectivesUsingsTypesAndLastValuesAreTranslated()
    {
        var dir = TestFiles.TempDir("export");
        var notebook = Notebook.Load(TestFiles.Fixture("export.ipynb"));
        notebook.Cells.Insert(0, NotebookCell.NewCSharp($"#r \"nuget: Plotly.NET.CSharp, 0.14.0\"\n#r \"{TestFiles.RepoRoot}/lib/Seq2Seq/bin/Debug/net10.0/Seq2Seq.dll\""));
        var app = FileAppExporter.Export(notebook, TestFiles.Fixture("export.ipynb"), Path.Combine(dir, "app.cs"));
        var lines = app.Split('\n');
        Assert.Contains("#:package Plotly.NET.CSharp@0.14.0", lines);
        Assert.Contains(lines, l => l.StartsWith("#:project ", StringComparison.Ordinal) && l.EndsWith("lib/Seq2Seq", StringComparison.Ordinal));
        // every #: directive precedes the first C# token (CS9297 otherwise)
        var firstCode = Array.FindIndex(lines, l => l.StartsWith("using ", StringComparison.Ordinal));
        Assert.True(Array.FindLastIndex(lines, l => l.StartsWith("#:", StringComparison.Ordinal)) < firstCode);
        Assert.Contains("using System.Globalization;", lines);
        Assert.Contains("// # Exported", lines);
        Assert.Contains("NotebookDisplay.Show(() => p.X + p.Y);", lines);
        // type declarations move after the top-level statements
        Assert.True(Array.IndexOf(lines, "record Point(int X, int Y);") > Array.FindIndex(lines, l => l.Contains("numbers.Sum()")));
    }

    [Fact]
    public async Task TheExportedAppPrintsWhatTheNotebookShowed()
    {
        var dir = TestFiles.TempDir("fileapp");
        var notebookCopy = Path.Combine(dir, "export.ipynb");
        File.Copy(TestFiles.Fixture("export.ipynb"), notebookCopy);

        var (code, _, err) = await CommandRunner.Run("run", notebookCopy, "--out", Path.Combine(dir, "out"));
        Assert.True(code == 0, err);
        var executed = Notebook.Load(Path.Combine(dir, "out", "export.ipynb"));
        var notebookText = string.Concat(executed.Cells.Where(c => c.IsCode).SelectMany(c => c.Outputs).Select(o =>
            o!["output_type"]!.GetValue<string>() == "stream"
                ? NotebookJson.JoinLines(o["text"])
                : NotebookJson.JoinLines(o["data"]![OutputFormatter.PlotlyMime] is null ? o["data"]!["text/plain"] : null) + "\n"));

        (code, _, err) = await CommandRunner.Run("export", notebookCopy, "--to", "file-app", "--out", Path.Combine(dir, "app.cs"));
        Assert.True(code == 0, err);
        using var run = Process.Start(new ProcessStartInfo(KernelProcess.DotnetHost(), ["run", "app.cs"])
        {
            WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        // The deadline only ends a hung child (then killed with its tree, so no `dotnet run` outlives the test).
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try { await run.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException)
        {
            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync();
            Assert.Fail($"`dotnet run app.cs` did not finish within 10 minutes and was killed: {await stderr}");
        }
        Assert.True(run.ExitCode == 0, await stderr + await stdout);
        Assert.Equal("sorted: 1,2,3\npoint 1\n3\n49\n6\n1.5\n", notebookText);
        Assert.Equal(notebookText, (await stdout).Replace("\r\n", "\n"));
    }
}
