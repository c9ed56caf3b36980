using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Workbook.Tests.Course;

/// <summary>02 · The seq2seq problem, formally: greedy is built inline and equals the library's; the decoding
/// experiment prints per-method log P and accuracy, exact search is never below any method, and the prose quotes
/// the measured search-error rate.</summary>
[Collection(CourseCollection.Name)]
public sealed class Notebook02Tests(CourseRun course)
{
    private static readonly string[] Methods = ["greedy", "sample T=1", "sample T=0.5", "top-k 3", "beam 2", "beam 5", "beam 10", "exact"];

    [Fact]
    public void InlineGreedyAndTeacherForcedLossEqualTheLibrary()
    {
        var nb = course.Notebook("02-");
        Assert.True(nb.RanCleanly, nb.Text);
        nb.Printed(@"inline NLL equals LabelSmoothingLoss\(0\): True");
        var m = nb.Printed(@"inline greedy equals GreedySearch: True \((\d+) of (\d+) sentences");
        Assert.Equal(m.Groups[2].Value, m.Groups[1].Value);
        Assert.True(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) >= 100, "the comparison should cover the test set");
        Assert.True(nb.PrintedNumber(@"max \|Δ log P\| ([-+0-9.E]+)\)") < 1e-4);
        Assert.True(nb.PrintedNumber(@"teacher-forced score of the greedy outputs = their decoding log P: max \|difference\| ([-+0-9.E]+)") < 1e-4);
    }

    [Fact]
    public void ExactSearchIsNeverBelowAnyMethod()
    {
        var nb = course.Notebook("02-");
        Assert.True(nb.PrintedNumber(@"min over sentences of exact − greedy: (-?[0-9.]+)") >= -1e-4);
        foreach (var method in Methods)
        {
            var row = Row(nb, method);
            Assert.True(row.MinGap >= -1e-4, $"{method}: exact − method reaches {row.MinGap}");
            Assert.True(Row(nb, "exact").MeanLogP >= row.MeanLogP - 1e-3, $"{method} has a higher mean log P than exact search");
        }
        nb.Printed("exact ≥ every method on every sentence: True");
        nb.Printed("reference never more probable than the exact output: True");
        Assert.Equal(0, Row(nb, "exact").BelowExact);
    }

    [Fact]
    public void SearchErrorsAndAccuracyArePrintedAndQuoted()
    {
        var nb = course.Notebook("02-");
        var errors = nb.Printed(@"search errors: greedy misses the most probable output on (\d+) of (\d+) sentences \(([0-9.]+ %)\)");
        var count = int.Parse(errors.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(count, 1, int.Parse(errors.Groups[2].Value, CultureInfo.InvariantCulture) / 2);   // an under-trained model: some, not most
        Assert.Equal(count, Row(nb, "greedy").BelowExact);
        nb.AssertQuoted(@"search errors: greedy misses the most probable output on \d+ of \d+ sentences \(([0-9.]+ %)\)");
        nb.AssertQuoted(@"search errors: greedy misses the most probable output on (\d+ of \d+) sentences");
        foreach (var method in Methods) Assert.InRange(Row(nb, method).Accuracy, 0, 100);
        nb.AssertQuoted(@"^greedy +-?[0-9.]+ +([0-9.]+ %)");   // greedy's accuracy
        nb.AssertQuoted(@"^exact +-?[0-9.]+ +([0-9.]+ %)");    // exact search's accuracy
        nb.AssertQuoted(@"^greedy +(-[0-9.]+)");               // mean log P
        nb.AssertQuoted(@"^exact +(-[0-9.]+)");
        nb.AssertQuoted(@"min over sentences of beam 2 − greedy: (-?[0-9.]+)");
        nb.AssertQuoted(@"model errors \(the most probable output is not the reference\): (\d+ of \d+) sentences");
        nb.AssertQuoted(@"the most probable output is empty for (\d+ of \d+) sentences");
        nb.AssertQuoted(@"exact search expanded ([0-9.]+) prefixes per sentence");
        nb.AssertQuoted(@"untrained: NLL per token ([0-9.]+)");
        nb.AssertQuoted(@"last logged training NLL per token ([0-9.]+)");
    }

    [Fact]
    public void ChartsShowTheMethodsAndTheStepDistributions()
    {
        var nb = course.Notebook("02-");
        Assert.True(nb.FiguresWith("bar").Count >= 1, "bars of mean log P and accuracy per method");
        Assert.True(nb.FiguresWith("scatter").Count >= 2, "loss curve and greedy-vs-exact scatter");
        var heatmaps = nb.FiguresWith("heatmap");
        Assert.Equal(2, heatmaps.Count);
        foreach (var figure in heatmaps)
        {
            var trace = (JsonObject)((JsonArray)figure["data"]!).First(t => t?["type"]?.GetValue<string>() == "heatmap")!;
            Assert.Contains("</s>", trace["x"]!.AsArray().Select(x => x!.GetValue<string>()));   // token labels on x
            ExecutedNotebook.AssertDistributionRows(trace, 1e-3);   // a labelled distribution per step (shown to 3 decimals)
        }
        Assert.Contains("Plotly.newPlot", File.ReadAllText(nb.HtmlPath));
    }

    private sealed record MethodRow(double MeanLogP, double Accuracy, int BelowExact, double MinGap);

    /// <summary>One row of the printed results table: method, mean log P, accuracy %, sentences below exact, min gap.</summary>
    private static MethodRow Row(ExecutedNotebook nb, string method)
    {
        var m = nb.Printed($@"^{Regex.Escape(method)} +(-?[0-9.]+) +([0-9.]+) % +(\d+) +(-?[0-9.]+)\s*$");
        double D(int g) => double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
        return new MethodRow(D(1), D(2), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), D(4));
    }
}
