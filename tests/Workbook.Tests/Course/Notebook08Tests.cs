using System.Text.Json.Nodes;

namespace Workbook.Tests.Course;

/// <summary>08 · The Transformer: inline layers equal the library's (and TorchSharp's built-in ones), the parameter
/// count is printed and quoted, the quick run copies ≥ 99 % of held-out sequences exactly, and the cross-attention
/// grid (every layer and head) has rows that sum to 1.</summary>
[Collection(CourseCollection.Name)]
public sealed class Notebook08Tests(CourseRun course)
{
    private const string Number = @"([0-9.]+(?:e[-+][0-9]+)?)";

    [Fact]
    public void InlineLayersEqualTheLibrarysLayers()
    {
        var nb = course.Notebook("08-");
        Assert.True(nb.RanCleanly, nb.Text);
        foreach (var norm in new[] { "post-norm", "pre-norm" })
        {
            Assert.True(nb.PrintedNumber($@"encoder layer \({norm}\): inline vs library EncoderLayer max \|diff\| = {Number}") < 1e-5);
            Assert.True(nb.PrintedNumber($@"decoder layer \({norm}\): inline vs library DecoderLayer max \|diff\| = {Number}") < 1e-5);
            Assert.True(nb.PrintedNumber($@"{norm} *: inline vs ResidualNorm max \|diff\| = {Number}") < 1e-6);
        }
        Assert.True(nb.PrintedNumber($@"EncoderLayer vs nn.TransformerEncoderLayer: max \|diff\| = {Number}") < 1e-5);
        Assert.True(nb.PrintedNumber($@"DecoderLayer vs nn.TransformerDecoderLayer: max \|diff\| = {Number}") < 1e-5);
        Assert.Equal(0, nb.PrintedNumber($@"changing target position 3 moves positions 0–2 by {Number}"));
    }

    [Fact]
    public void ParameterCountIsPrintedByPartAndQuoted()
    {
        var nb = course.Notebook("08-");
        var total = nb.AssertQuoted(@"^parameters: ([0-9,]+)$");
        nb.Printed($@"^total +{total}$");
        nb.Printed(@"equal to the count: True");
        nb.Printed(@"nn\.Transformer: [0-9,]+ parameters; our encoder \+ decoder: [0-9,]+; equal: True");
        nb.AssertQuoted(@"^decoder +[0-9,]+ +([0-9.]+ %)$");
        Assert.Single(nb.FiguresWith("bar"));
    }

    [Fact]
    public void QuickProfileCopiesAtLeast99PercentOfHeldOutSequences()
    {
        var nb = course.Notebook("08-");
        double accuracy = nb.PrintedNumber(@"exact sequence accuracy: ([0-9.]+) %");
        Assert.True(accuracy >= 99, $"exact sequence accuracy {accuracy} % < 99 %");
        nb.AssertQuoted(@"exact sequence accuracy: ([0-9.]+ %)");
        nb.AssertQuoted(@"held-out sequences that also occur in the training data: ([0-9]+) of 400");
    }

    [Fact]
    public void CrossAttentionGridShowsEveryLayerAndHeadWithRowsSummingToOne()
    {
        var nb = course.Notebook("08-");
        var grid = Assert.Single(nb.FiguresWith("heatmap"));
        Assert.StartsWith("Decoder cross-attention", grid["layout"]?["title"]?["text"]?.GetValue<string>());
        var traces = ((JsonArray)grid["data"]!).OfType<JsonObject>().ToList();
        Assert.Equal(2 * 4, traces.Count);                                  // 2 layers × 4 heads in the quick profile
        foreach (var trace in traces)
            ExecutedNotebook.AssertDistributionRows(trace);                  // token labels on both axes, rows sum to 1
        nb.AssertQuoted(@"mean weight on the diagonal \(target step t → source position t\): ([0-9.]+)");
    }
}
