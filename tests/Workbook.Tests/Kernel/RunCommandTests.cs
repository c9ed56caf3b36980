using System.Text.Json.Nodes;
using Workbook.Kernel;
using Workbook.Notebooks;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Kernel;

/// <summary>End-to-end `workbook run` over the basics fixture: every kind of output the kernel produces.</summary>
[Collection("Notebook runs")]
public sealed class RunCommandTests(BasicsRun run) : IClassFixture<BasicsRun>
{
    private static string Text(JsonNode? lines) => NotebookJson.JoinLines(lines);

    private static string Data(JsonNode? output, string mime) => Text(output!["data"]![mime]);

    [Fact]
    public void TheNotebookSucceedsWithCountsAndASummary()
    {
        Assert.True(run.Code == 0, run.Err + run.Out);
        Assert.Matches(@"basics\.ipynb\s+Ok\s+10/10", run.Out);
        Assert.Matches(@"\[4/10\] cell 5 +ok +\d+\.\d\d s", run.Out);
        var counts = run.Executed["cells"]!.AsArray().Where(c => c!["cell_type"]!.GetValue<string>() == "code")
            .Select(c => c!["execution_count"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(1, 10), counts);
    }

    [Fact]
    public void SetupCellReportsInstalledPackages()
    {
        var html = Data(Assert.Single(run.Outputs(1)), "text/html");
        Assert.Contains("<strong>Installed Packages</strong>", html);
        Assert.Contains("<li><span>TorchSharp-cpu, 0.107.0</span></li>", html);
    }

    [Fact]
    public void ConsoleOutputThenTheReturnValue()
    {
        var outputs = run.Outputs(2);
        Assert.Equal(3, outputs.Count);
        Assert.Equal(("stdout", "hello from console\n"), (outputs[0]!["name"]!.GetValue<string>(), Text(outputs[0]!["text"])));
        Assert.Equal(("stderr", "to stderr\n"), (outputs[1]!["name"]!.GetValue<string>(), Text(outputs[1]!["text"])));
        Assert.Equal("display_data", outputs[2]!["output_type"]!.GetValue<string>());
        Assert.Equal("42", Data(outputs[2]!, "text/plain"));
        Assert.StartsWith("<div class=\"dni-plaintext\"><pre>42</pre></div>", Data(outputs[2]!, "text/html"));
    }

    [Fact]
    public void DisplayCallsShowAndTheirReturnValueIsNotShownAgain()
    {
        var outputs = run.Outputs(3);
        Assert.Equal(3, outputs.Count); // display("..."), x.Display(), display(x) — no extra value output
        Assert.Equal("shown by display", Data(outputs[0]!, "text/plain"));
        Assert.Null(outputs[0]!["data"]!["text/html"]);  // strings are text/plain only, as in the kernel
        Assert.Equal("41", Data(outputs[1]!, "text/plain"));
        Assert.Equal("41", Data(outputs[2]!, "text/plain"));
    }

    [Fact]
    public void StateCarriesAcrossCellsAndTimeMagicReportsWallTime()
    {
        var outputs = run.Outputs(4);
        Assert.Equal("82", Data(outputs[0]!, "text/plain"));
        Assert.Matches(@"^Wall time: \d+(\.\d+)?ms$", Data(outputs[1]!, "text/plain"));
    }

    [Fact]
    public void TensorsDisplayTheirValues()
    {
        var text = Data(Assert.Single(run.Outputs(5)), "text/plain");
        Assert.Equal("[2x2], type = Float32, device = cpu\n[[1, 2]\n [3, 4]]", text);
    }

    [Fact]
    public void ChartsDisplayAsInteractiveHtmlAndPlotlyJson()
    {
        var output = Assert.Single(run.Outputs(6))!;
        Assert.Contains("Plotly.newPlot", Data(output, "text/html"));
        var figure = output["data"]![OutputFormatter.PlotlyMime]!;
        Assert.Equal("[4,9,16]", figure["data"]![0]!["y"]!.ToJsonString());
    }

    [Fact]
    public void MarkdownMagicRendersHtmlAndVoidCallsShowNothing()
    {
        Assert.Contains(">Inline <em>markdown</em></h2>", Data(Assert.Single(run.Outputs(7)), "text/html"));
        var noValue = Assert.Single(run.Outputs(8))!;
        Assert.Equal("no value", Text(noValue["text"]));
        Assert.Equal("[ 1, 2, 3 ]", Data(Assert.Single(run.Outputs(9)), "text/plain"));
    }

    [Fact]
    public void UpdatingADisplayReplacesItInPlace() =>
        Assert.Equal("step 2 of 2", Data(Assert.Single(run.Outputs(10)), "text/plain"));

    [Fact]
    public void MetadataRoundTripsAndOnlyOutputsChange()
    {
        var source = JsonNode.Parse(File.ReadAllText(TestFiles.Fixture("basics.ipynb")))!;
        Assert.True(JsonNode.DeepEquals(source["metadata"], run.Executed["metadata"]));
        var before = source["cells"]!.AsArray();
        var after = run.Executed["cells"]!.AsArray();
        Assert.Equal(before.Count, after.Count);
        for (int i = 0; i < before.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(before[i]!["metadata"], after[i]!["metadata"]), $"cell {i + 1} metadata changed");
            Assert.True(JsonNode.DeepEquals(before[i]!["source"], after[i]!["source"]), $"cell {i + 1} source changed");
            Assert.Equal(before[i]!["id"]?.GetValue<string>(), after[i]!["id"]?.GetValue<string>());
        }
        Assert.Equal(4, run.Executed["nbformat"]!.GetValue<int>());
        Assert.StartsWith("{\n \"cells\": [\n  {\n", File.ReadAllText(Path.Combine(run.OutDir, "basics.ipynb"))); // 1-space indent
    }

    [Fact]
    public void HtmlPageIsOfflineWithPlotlyJsInlinedOnce()
    {
        Assert.DoesNotContain("<script src", run.Html);
        Assert.DoesNotContain("requirejs.config", run.Html); // the kernel's CDN fragment is not used offline
        Assert.Equal(1, Count(run.Html, "Plotly.newPlot('plot-"));
        Assert.Equal(1, Count(run.Html, $"plotly.js v{Workbook.Html.PlotlyJs.Version}"));
        Assert.Contains(">Basics</h1>", run.Html);
        Assert.Contains("hello from console", run.Html);
        var index = File.ReadAllText(Path.Combine(run.OutDir, "index.html"));
        Assert.Contains("<a href=\"basics.html\">Basics</a>", index);   // the notebook's title
        Assert.Contains("<td class=\"Ok\">Ok</td>", index);
    }

    private static int Count(string text, string part)
    {
        int n = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
