using System.Diagnostics;
using System.Text.Json.Nodes;
using Workbook.Notebooks;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Kernel;

/// <summary>`workbook run` failure handling, timeouts, parameters and a real TorchSharp training notebook.</summary>
[Collection("Notebook runs")]
public sealed class NotebookRunTests
{
    [Fact]
    public async Task AFailingCellStopsItsNotebookButTheOthersStillRun()
    {
        var outDir = TestFiles.TempDir("failing");
        var (code, output, err) = await CommandRunner.Run("run", TestFiles.Fixture("failing"), "--out", outDir);

        Assert.Equal(1, code);
        // compile error: notebook, cell number and the compiler message with its line
        Assert.Contains("a-compile-error.ipynb: cell 2 failed:", err);
        Assert.Contains("(2,1): error CS0103: The name 'undefinedThing' does not exist in the current context", err);
        // runtime exception: message and the line inside the cell
        Assert.Contains("b-runtime-error.ipynb: cell 2 failed:", err);
        Assert.Contains("System.InvalidOperationException: boom at runtime", err);
        Assert.Matches(@"Submission#\d+.*:line 2", err);
        // unknown package: named with the cell, not skipped
        Assert.Contains("c-unknown-package.ipynb: cell 1 failed:", err);
        Assert.Contains("package 'Newtonsoft.Jsonx' is not available", err);
        // the summary lists each notebook with its status
        Assert.Matches(@"a-compile-error\.ipynb\s+Failed\s+2/3", output);
        Assert.Matches(@"b-runtime-error\.ipynb\s+Failed\s+2/2", output);
        Assert.Matches(@"c-unknown-package\.ipynb\s+Failed\s+1/1", output);
        Assert.Matches(@"d-ok\.ipynb\s+Ok\s+1/1", output);
        // a cell that kills its process is reported as a crash; native writes to fd 1 land in the cell's stdout
        Assert.Contains("e-crash.ipynb: cell 2 crashed:", err);
        Assert.Contains("the kernel process exited with code 3 while running this cell", err);
        Assert.Matches(@"e-crash\.ipynb\s+Crashed\s+2/3", output);
        var crashed = Notebook.Load(Path.Combine(outDir, "e-crash.ipynb"));
        Assert.Equal("written to fd 1 by native code\nmanaged line\n", NotebookJson.JoinLines(Assert.Single(crashed.Cells[0].Outputs)!["text"]));

        // The executed notebook keeps the error output as VS Code saves it; the cell after it is left unrun.
        var executed = Notebook.Load(Path.Combine(outDir, "a-compile-error.ipynb"));
        var error = Assert.Single(executed.Cells[1].Outputs)!;
        Assert.Equal("error", error["output_type"]!.GetValue<string>());
        Assert.Equal("Error", error["ename"]!.GetValue<string>());
        Assert.StartsWith("(2,1): error CS0103", error["evalue"]!.GetValue<string>());
        Assert.Null(executed.Cells[2].ExecutionCount);
        Assert.Equal("42\n", NotebookJson.JoinLines(Notebook.Load(Path.Combine(outDir, "d-ok.ipynb")).Cells[0].Outputs[0]!["text"]));
    }

    [Fact]
    public async Task ACellOverTheTimeoutIsStoppedAndReported()
    {
        var clock = Stopwatch.StartNew();
        var outDir = TestFiles.TempDir("timeout");
        var (code, output, err) = await CommandRunner.Run("run", TestFiles.Fixture("timeout.ipynb"), "--timeout", "6", "--out", outDir);
        Assert.Equal(1, code);
        Assert.Contains("timeout.ipynb: cell 2 timed out:", err);
        Assert.Contains("cell timed out after 6 s and was stopped", err);
        Assert.Matches(@"timeout\.ipynb\s+TimedOut\s+2/2", output);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        var executed = Notebook.Load(Path.Combine(outDir, "timeout.ipynb"));
        Assert.Equal("before the loop\n", NotebookJson.JoinLines(executed.Cells[0].Outputs[0]!["text"]));
    }

    [Fact]
    public async Task ParametersOverrideTheTaggedCellWithTypedValues()
    {
        var outDir = TestFiles.TempDir("params");
        var (code, _, err) = await CommandRunner.Run("run", TestFiles.Fixture("parameters.ipynb"), "--out", outDir,
            "--param", "epochs=7", "--param", "rate=0.25", "--param", "name=new name");
        Assert.True(code == 0, err);
        var executed = Notebook.Load(Path.Combine(outDir, "parameters.ipynb"));
        Assert.Equal(["injected-parameters"], executed.Cells[1].Tags);
        Assert.Equal("epochs=7 rate=0.25 name=new name type=Single\n", NotebookJson.JoinLines(executed.Cells[2].Outputs[0]!["text"]));
    }

    [Fact]
    public async Task ATinyTorchSharpModelTrainsInsideTheRunner()
    {
        var outDir = TestFiles.TempDir("train");
        var (code, output, err) = await CommandRunner.Run("run", TestFiles.Fixture("train-tiny.ipynb"), "--out", outDir, "--timeout", "120");
        Assert.True(code == 0, err + output);
        var executed = Notebook.Load(Path.Combine(outDir, "train-tiny.ipynb"));
        var fit = NotebookJson.JoinLines(executed.Cells[4].Outputs[0]!["text"]);
        var m = System.Text.RegularExpressions.Regex.Match(fit, @"w=(?<w>[-\d.]+) b=(?<b>[-\d.]+)");
        Assert.True(m.Success, fit);
        Assert.Equal(2.0, double.Parse(m.Groups["w"].Value, System.Globalization.CultureInfo.InvariantCulture), 0.05);
        Assert.Equal(1.0, double.Parse(m.Groups["b"].Value, System.Globalization.CultureInfo.InvariantCulture), 0.05);
        var lastLoss = double.Parse(NotebookJson.JoinLines(executed.Cells[3].Outputs[1]!["data"]!["text/plain"]), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(lastLoss < 1e-3, $"final loss {lastLoss}");
    }

    [Fact]
    public async Task MissingPathsAndBadParametersAreUsageErrors()
    {
        var (code, _, err) = await CommandRunner.Run("run", "no-such-notebook.ipynb");
        Assert.Equal(2, code);
        Assert.Contains("'no-such-notebook.ipynb' is neither a notebook nor a folder", err);
        (code, _, err) = await CommandRunner.Run("run", TestFiles.Fixture("parameters.ipynb"), "--param", "novalue");
        Assert.Equal(2, code);
        Assert.Contains("--param expects NAME=VALUE", err);
    }

    [Fact]
    public async Task MalformedNotebookIsReportedNotCrashed()
    {
        var (code, output, err) = await CommandRunner.Run("run", TestFiles.Fixture("malformed.ipynb"));
        Assert.Equal(1, code);
        Assert.Contains("invalid JSON at line 6, column 3", err);
        Assert.Matches(@"malformed\.ipynb\s+Invalid", output);
    }

    [Fact]
    public async Task AllowErrorsRecordsAFailingCellAndGoesOn()
    {
        var outDir = TestFiles.TempDir("allow-errors");
        var (code, output, err) = await CommandRunner.Run("run", TestFiles.Fixture("failing/a-compile-error.ipynb"), "--allow-errors", "--out", outDir);
        Assert.True(code == 0, err);
        Assert.Contains("a-compile-error.ipynb: cell 2 failed (allowed, going on):", err);
        Assert.Matches(@"a-compile-error\.ipynb\s+Ok\s+3/3\s+[\d.]+ s\s+1", output);   // the failure is still counted
        var executed = Notebook.Load(Path.Combine(outDir, "a-compile-error.ipynb"));
        Assert.Equal("error", executed.Cells[1].Outputs[0]!["output_type"]!.GetValue<string>());
        Assert.Equal("never runs\n", NotebookJson.JoinLines(executed.Cells[2].Outputs[0]!["text"]));
        Assert.Equal(3, executed.Cells[2].ExecutionCount);
    }
}
