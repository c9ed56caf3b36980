using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbook.Notebooks;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Jupyter;

/// <summary><c>jupyter nbconvert --to notebook --execute</c> (nbclient) runs the course's first notebook unchanged
/// with our kernel, found by the name the notebook carries (.net-csharp), and its outputs equal <c>workbook run</c>'s:
/// stdout text, values, chart MIME bundles (the charts' HTML differs only in its random element ids).</summary>
[Collection(JupyterCollection.Name)]
public sealed partial class NbconvertTests(KernelSpecFixture spec) : IClassFixture<KernelSpecFixture>
{
    private const string Notebook = "00-setup-and-tensors.ipynb";

    [GeneratedRegex("[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")]
    private static partial Regex Guid();

    [Fact]
    public async Task NbconvertRunsNotebook00WithOurKernelAndMatchesWorkbookRun()
    {
        var source = Path.Combine(TestFiles.RepoRoot, "notebooks", Notebook);
        var jupyterOut = Path.Combine(spec.Tools.Root, "nbconvert");
        var (code, _, err) = await spec.Tools.Run("/usr/bin/jupyter",
            ["nbconvert", "--to", "notebook", "--execute", source, "--output-dir", jupyterOut, "--ExecutePreprocessor.timeout=600"],
            TimeSpan.FromMinutes(12));
        Assert.True(code == 0, $"nbconvert exited {code}:\n{err}");
        var runOut = Path.Combine(spec.Tools.Root, "run");
        var run = await CommandRunner.Run("run", source, "--out", runOut);
        Assert.True(run.Code == 0, run.Err);

        var byJupyter = JsonNode.Parse(File.ReadAllText(Path.Combine(jupyterOut, Notebook)))!;
        var byRun = JsonNode.Parse(File.ReadAllText(Path.Combine(runOut, Notebook)))!;
        Assert.Equal(".net-csharp", byJupyter["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("C#", byJupyter["metadata"]!["language_info"]!["name"]!.GetValue<string>());
        var jupyterCells = byJupyter["cells"]!.AsArray();
        var runCells = byRun["cells"]!.AsArray();
        Assert.Equal(runCells.Count, jupyterCells.Count);
        int compared = 0;
        for (int i = 0; i < runCells.Count; i++)
        {
            if (runCells[i]!["cell_type"]!.GetValue<string>() != "code") continue;
            Assert.Equal(Normalize(runCells[i]!), Normalize(jupyterCells[i]!));
            compared++;
        }
        Assert.True(compared >= 8, $"only {compared} code cells compared");
        Assert.Contains(runCells, c => c!["cell_type"]!.GetValue<string>() == "code" && Normalize(c).Contains(PlotlyMime));
    }

    private const string PlotlyMime = "application/vnd.plotly.v1+json";

    /// <summary>One line per output: streams merged per name; execute_result and display_data alike (VS Code saves
    /// both as display_data); each mime's text, with element ids in chart HTML blanked.</summary>
    internal static string Normalize(JsonNode cell)
    {
        var lines = new List<string>();
        foreach (var output in cell["outputs"]!.AsArray())
        {
            var type = output!["output_type"]!.GetValue<string>();
            if (type == "stream")
            {
                var line = $"stream {output["name"]}: {NotebookJson.JoinLines(output["text"])}";
                if (lines.Count > 0 && lines[^1].StartsWith($"stream {output["name"]}: ", StringComparison.Ordinal))
                    lines[^1] += NotebookJson.JoinLines(output["text"]);
                else lines.Add(line);
                continue;
            }
            if (type == "error") { lines.Add($"error {output["evalue"]}"); continue; }
            foreach (var (mime, value) in output["data"]!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var text = value is JsonArray a && a.All(x => x is JsonValue) ? NotebookJson.JoinLines(a) : Canonical(value!).ToJsonString();
                lines.Add($"display {mime}: {(mime == "text/html" ? Guid().Replace(text, "ID") : text)}");
            }
        }
        return string.Join("\n", lines);
    }

    /// <summary>The JSON with object keys sorted (nbformat writes them sorted; the engine keeps Plotly's order) and numbers
    /// compared by value.</summary>
    private static JsonNode Canonical(JsonNode node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(x => x is null ? null : Canonical(x)).ToArray()),
        // Numbers by value: .NET writes 5.9763597E-06 where Python's json (nbformat) writes 5.9763597e-06.
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => JsonValue.Create(v.GetValue<double>()),
        _ => node.DeepClone(),
    };
}
