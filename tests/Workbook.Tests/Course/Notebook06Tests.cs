using System.Globalization;
using System.Text.Json.Nodes;

namespace Workbook.Tests.Course;

/// <summary>06 · Multi-head attention: the five steps print their shapes, hand = library = nn.MultiheadAttention,
/// the cost table is flat in H, the trained model's accuracy is quoted, and its 8 heads × 2 layers are plotted and
/// measurably different.</summary>
[Collection(CourseCollection.Name)]
public sealed class Notebook06Tests(CourseRun course)
{
    private const string Number = @"([-+.\dE]+)";

    [Fact]
    public void TheFiveStepsPrintTheirShapes()
    {
        var nb = course.Notebook("06-");
        Assert.True(nb.RanCleanly, nb.Text);
        var s = nb.Printed(@"step 1  ids \[1, (\d+)\] = \[B, S\]").Groups[1].Value;
        nb.Printed($@"step 2  .* \[1, {s}, 64\] = \[B, S, D\]");
        nb.Printed($@"step 3  W\^Q_i \[8, 64\] = \[Dh, D\]; Q_i, K_i, V_i \[1, {s}, 8\] = \[B, S, Dh\]");
        nb.Printed($@"step 3  stacked Q, K, V \[1, 8, {s}, 8\] = \[B, H, S, Dh\]");
        nb.Printed($@"step 4  .* \[1, 8, {s}, {s}\] = \[B, H, S, S\]; Z_i \[1, 8, {s}, 8\] = \[B, H, S, Dh\]");
        nb.Printed($@"step 5  Concat\(Z_1..Z_8\) \[1, {s}, 64\] = \[B, S, D\]; .* \[1, {s}, 64\] = \[B, S, D\]");
    }

    [Fact]
    public void HandLibraryAndBuiltInAgree()
    {
        var nb = course.Notebook("06-");
        foreach (var pattern in new[]
        {
            $@"hand vs library MultiHeadAttention: output max \|Δ\| = {Number}",
            $@"hand vs library MultiHeadAttention: output max \|Δ\| = \S+ weights max \|Δ\| = {Number}",
            $@"hand vs nn.MultiheadAttention: output max \|Δ\| = {Number}",
            $@"hand vs nn.MultiheadAttention: .* head-averaged weights max \|Δ\| = {Number}",
            $@"library vs nn.MultiheadAttention: output max \|Δ\| = {Number}",
            $@"ForwardWithAttention, encoder layer 1: weights max \|Δ\| = {Number}",
            $@"one \[D, D\] product \+ view: max \|Δ\| = {Number}",
        })
            Assert.InRange(nb.PrintedNumber(pattern), 0, 1e-5);
    }

    [Fact]
    public void EightHeadsCostWhatOneWideHeadCosts()
    {
        var nb = course.Notebook("06-");
        var rows = nb.PrintedAll(@"^\s*(\d+)\s+(\d+)\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)$").ToList();
        Assert.Equal(["1", "2", "4", "8", "16"], rows.Select(r => r.Groups[1].Value));
        Assert.Single(rows.Select(r => r.Groups[3].Value).Distinct());          // parameters
        Assert.Single(rows.Select(r => r.Groups[4].Value).Distinct());          // matmul FLOPs
        Assert.Equal("16,640", rows[0].Groups[3].Value);                        // 4 (D² + D) for D = 64
    }

    [Fact]
    public void TheTrainedHeadsArePlottedAndDiffer()
    {
        var nb = course.Notebook("06-");
        // Measured 94.3 % in the quick profile; the margin allows another libtorch build's rounding to shift a few dates.
        var accuracy = nb.AssertQuoted(@"exact-match accuracy on 300 held-out dates: ([\d.]+)%");
        Assert.True(double.Parse(accuracy, CultureInfo.InvariantCulture) >= 85, accuracy);

        var grid = Assert.Single(nb.FiguresWith("heatmap"));
        var traces = ExecutedNotebook.HeatmapTraces(grid).ToList();
        Assert.Equal(8 * 2, traces.Count);                                      // 8 heads × 2 encoder layers
        foreach (var trace in traces)
            ExecutedNotebook.AssertDistributionRows(trace);

        // Heads differ: measured 1.373 / 1.205 trained vs 1.105 / 0.729 untrained (layers 1 / 2).
        var layers = nb.PrintedAll(@"encoder layer (\d): mean pairwise L1 distance between heads ([\d.]+) trained, ([\d.]+) untrained");
        Assert.Equal(2, layers.Count);
        foreach (var m in layers)
        {
            double trained = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            double untrained = double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            Assert.True(trained > 1.0, $"layer {m.Groups[1].Value}: heads too similar ({trained})");
            Assert.True(trained > untrained + 0.15, $"layer {m.Groups[1].Value}: training did not separate the heads ({untrained} → {trained})");
            Assert.Contains(m.Groups[2].Value, nb.Markdown);
        }
        Assert.Single(nb.FiguresWith("scatter"));                               // the loss curve
    }
}
