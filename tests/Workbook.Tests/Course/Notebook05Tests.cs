using System.Globalization;
using System.Text.Json.Nodes;

namespace Workbook.Tests.Course;

/// <summary>05 · Self-attention: the hand-written attention equals the library's and libtorch's fused kernel, masks
/// give exactly zero weight, every heatmap row is a distribution, and the √d_k measurement is printed and quoted.</summary>
[Collection(CourseCollection.Name)]
public sealed class Notebook05Tests(CourseRun course)
{
    private const string Number = @"([-+.\dE]+)";

    [Fact]
    public void HandWrittenAttentionEqualsTheLibraryAndTheFusedKernel()
    {
        var nb = course.Notebook("05-");
        Assert.True(nb.RanCleanly, nb.Text);
        foreach (var mask in new[] { "padding", "causal" })
        {
            Assert.InRange(nb.PrintedNumber($@"{mask} mask, hand vs library: weights max \|Δ\| = {Number}"), 0, 1e-6);
            Assert.InRange(nb.PrintedNumber($@"{mask} mask, hand vs library: weights max \|Δ\| = \S+ context max \|Δ\| = {Number}"), 0, 1e-6);
            Assert.InRange(nb.PrintedNumber($@"{mask} mask, hand vs fused kernel: context max \|Δ\| = {Number}"), 0, 1e-6);
        }
        Assert.InRange(nb.PrintedNumber($@"padding mask, hand vs fused kernel: context max \|Δ\| = \S+ \(bool mask\), {Number} \(additive mask\)"), 0, 1e-6);
        // The polarity trap: the flipped mask runs without error and gives a clearly different result.
        Assert.True(nb.PrintedNumber($@"polarity flipped: context max \|Δ\| = {Number}") > 0.1);
    }

    [Fact]
    public void MaskedPositionsGetExactlyZeroAndEveryHeatmapRowSumsToOne()
    {
        var nb = course.Notebook("05-");
        var masked = nb.PrintedAll(@"weight on masked positions[^:]*: max (\S+)");
        Assert.Equal(3, masked.Count);                                          // padding, causal, causal + padding
        Assert.All(masked, m => Assert.Equal("0", m.Groups[1].Value));          // exactly 0, not merely small
        nb.Printed("first token attends to itself with weight 1$");

        var heatmaps = nb.FiguresWith("heatmap");
        Assert.Equal(4, heatmaps.Count);                                        // unmasked, padding, causal, library
        foreach (var trace in heatmaps.SelectMany(ExecutedNotebook.HeatmapTraces))
            ExecutedNotebook.AssertDistributionRows(trace);
    }

    [Fact]
    public void SaturationIsMeasuredAndTheProseQuotesIt()
    {
        var nb = course.Notebook("05-");
        var rows = nb.PrintedAll(@"^\s*(\d+)\s+([\d.]+)\s+([\d.]+) / ([\d.]+)\s+([\d.]+) / ([\d.]+)\s+([\d.]+) / ([\d.]+)$")
            .Select(m => m.Groups.Cast<System.Text.RegularExpressions.Group>().Skip(1).Select(g => double.Parse(g.Value, CultureInfo.InvariantCulture)).ToArray())
            .ToList();
        Assert.Equal([4, 8, 16, 32, 64, 128, 256, 512], rows.Select(r => (int)r[0]));
        // Unscaled: the largest weight grows with d_k (measured 0.427 → 0.942); scaled: flat (measured 0.236–0.246).
        for (int i = 1; i < rows.Count; i++) Assert.True(rows[i][2] > rows[i - 1][2], $"unscaled max weight not increasing at d_k = {rows[i][0]}");
        Assert.All(rows, r => Assert.InRange(r[3], 0.15, 0.35));
        var raw = nb.AssertQuoted(@"at d_k = 512: mean max weight ([\d.]+) without scaling");
        var scaled = nb.AssertQuoted(@"at d_k = 512: mean max weight [\d.]+ without scaling, ([\d.]+) with");
        Assert.True(double.Parse(raw, CultureInfo.InvariantCulture) > 0.85, raw);
        Assert.True(double.Parse(scaled, CultureInfo.InvariantCulture) < 0.35, scaled);
        nb.AssertQuoted(@"entropy ([\d.]+) vs [\d.]+ nats");
        Assert.Single(nb.FiguresWith("scatter"));                               // the saturation chart
    }
}
