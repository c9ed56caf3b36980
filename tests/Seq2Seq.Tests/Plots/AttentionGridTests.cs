using Seq2Seq.Plots;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Plots;

[Collection("Sequential")]
public sealed class AttentionGridTests
{
    [Fact]
    public void OneSubplotPerHeadAndLayerWithTitlesAndReversedRows()
    {
        using var weights = softmax(randn(2, 3, 4, 5), -1);                    // [L, H, T, S]
        string[] src = ["a", "b", "a", "c", "d"], tgt = ["w", "x", "y", "w"];
        var figure = AttentionHeatmapTests.Figure(AttentionGrid.Create(weights, src, tgt));
        var data = figure.GetProperty("data");
        Assert.Equal(6, data.GetArrayLength());
        Assert.Single(data.EnumerateArray(), t => t.TryGetProperty("showscale", out var s) && s.GetBoolean());
        var layout = figure.GetProperty("layout");
        var titles = layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()).ToArray();
        Assert.Equal(new[] { "layer 1, head 1", "layer 1, head 2", "layer 1, head 3", "layer 2, head 1", "layer 2, head 2", "layer 2, head 3" }, titles);
        var yAxes = layout.EnumerateObject().Where(p => p.Name.StartsWith("yaxis")).ToArray();
        Assert.Equal(6, yAxes.Length);
        Assert.All(yAxes, axis => Assert.Equal("reversed", axis.Value.GetProperty("autorange").GetString()));
        // Values of layer 2, head 3 land in the last subplot.
        Assert.Equal(weights[1, 2, 3, 4].item<float>(), data[5].GetProperty("z")[3][4].GetSingle(), 5);
    }

    [Fact]
    public void RaggedInputIsRejected()
    {
        var m = new float[1, 1];
        var e = Assert.Throws<ArgumentException>(() => AttentionGrid.Create([[m, m], [m]], ["a"], ["b"]));
        Assert.Contains("layer 2 has 1 heads", e.Message);
    }
}
