using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbook.Kernel;
using Workbook.Notebooks;

namespace Workbook.Tests.Course;

/// <summary>One notebook as the course run left it: its cells with outputs, its HTML page, and helpers for
/// content assertions that read what the run really printed and drew.</summary>
public sealed class ExecutedNotebook(string stem, string path, string htmlPath, string runErrors)
{
    public string Stem => stem;
    public string Path => path;
    public string HtmlPath => htmlPath;
    public Notebook Notebook { get; } = Workbook.Notebooks.Notebook.Load(path);

    /// <summary>All markdown cells, joined by blank lines: the prose a student reads.</summary>
    public string Markdown => string.Join("\n\n", Notebook.Cells.Where(c => c.IsMarkdown).Select(c => c.Source));

    /// <summary>Every textual output of every code cell (streams, text/plain, errors), in order.</summary>
    public string Text => string.Join("\n", Notebook.Cells.Where(c => c.IsCode).Select(CellText));

    /// <summary>The textual outputs of one cell.</summary>
    public static string CellText(NotebookCell cell) => string.Concat(cell.Outputs.OfType<JsonObject>().Select(o =>
        NotebookJson.JoinLines(o["text"] ?? o["data"]?["text/plain"] ?? o["evalue"])));

    /// <summary>The Plotly figures ({data, layout}) the notebook displayed, in order.</summary>
    public IReadOnlyList<JsonObject> Figures => Notebook.Cells.Where(c => c.IsCode).SelectMany(c => c.Outputs.OfType<JsonObject>())
        .Select(o => o["data"]?[OutputFormatter.PlotlyMime] as JsonObject).OfType<JsonObject>().ToList();

    /// <summary>The figures that contain a trace of <paramref name="type"/> (e.g. "heatmap").</summary>
    public IReadOnlyList<JsonObject> FiguresWith(string type) => Figures
        .Where(f => f["data"] is JsonArray traces && traces.Any(t => t?["type"]?.GetValue<string>() == type)).ToList();

    /// <summary>The heatmap traces of a figure.</summary>
    public static IEnumerable<JsonObject> HeatmapTraces(JsonObject figure) =>
        ((JsonArray)figure["data"]!).OfType<JsonObject>().Where(t => t["type"]?.GetValue<string>() == "heatmap");

    /// <summary>An attention or alignment heatmap: a y label per row, an x label per column, and every row a
    /// distribution (sums to 1 within <paramref name="tolerance"/>: figures store float32, some values are rounded).
    /// Returns the rows.</summary>
    public static double[][] AssertDistributionRows(JsonObject trace, double tolerance = 1e-4)
    {
        var z = ((JsonArray)trace["z"]!).OfType<JsonArray>().Select(row => row.Select(v => v!.GetValue<double>()).ToArray()).ToArray();
        Assert.Equal(((JsonArray)trace["y"]!).Count, z.Length);
        for (int r = 0; r < z.Length; r++)
        {
            Assert.Equal(((JsonArray)trace["x"]!).Count, z[r].Length);
            Assert.True(Math.Abs(z[r].Sum() - 1) <= tolerance, $"heatmap row {r} sums to {z[r].Sum()}, not 1");
        }
        return z;
    }

    /// <summary>True when every code cell ran and none failed.</summary>
    public bool RanCleanly => Notebook.Cells.Where(c => c.IsCode && !string.IsNullOrWhiteSpace(c.Source))
        .All(c => c.ExecutionCount is not null && !c.Outputs.OfType<JsonObject>().Any(o => o["output_type"]?.GetValue<string>() == "error"));

    /// <summary>The first match of <paramref name="pattern"/> in the printed outputs; fails naming the pattern.</summary>
    public Match Printed(string pattern)
    {
        var m = Regex.Match(Text, pattern, RegexOptions.Multiline);
        Assert.True(m.Success, $"{stem}: the outputs do not contain /{pattern}/. Outputs:\n{Text[..Math.Min(Text.Length, 4000)]}\n{runErrors}");
        return m;
    }

    /// <summary>Every match of <paramref name="pattern"/> in the printed outputs.</summary>
    public IReadOnlyList<Match> PrintedAll(string pattern) => Regex.Matches(Text, pattern, RegexOptions.Multiline).ToList();

    /// <summary>The number captured by group 1 of <paramref name="pattern"/> in the outputs (invariant culture).</summary>
    public double PrintedNumber(string pattern) =>
        double.Parse(Printed(pattern).Groups[1].Value.Replace(",", ""), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Headline numbers: group 1 of <paramref name="pattern"/> as printed by the run must appear, character for
    /// character, in the prose (so the text never quotes a number the quick run does not print). Returns it.</summary>
    public string AssertQuoted(string pattern)
    {
        var printed = Printed(pattern).Groups[1].Value;
        Assert.True(Markdown.Contains(printed, StringComparison.Ordinal),
            $"{stem}: the run prints {printed} (/{pattern}/) but the prose does not quote it.");
        return printed;
    }
}
