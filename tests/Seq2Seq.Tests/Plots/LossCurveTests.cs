using Seq2Seq.Plots;

namespace Seq2Seq.Tests.Plots;

public sealed class LossCurveTests
{
    [Fact]
    public void TrainValidAndAMetricOnARightHandAxis()
    {
        var figure = AttentionHeatmapTests.Figure(LossCurve.Create([3.0, 2.0, 1.5], [3.2, 2.4, 2.0], "BLEU", [5.0, 12.5, 20.0]));
        var data = figure.GetProperty("data");
        Assert.Equal(3, data.GetArrayLength());
        Assert.Equal(new[] { "train loss", "valid loss", "BLEU" }, data.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToArray());
        Assert.Equal(new[] { 1, 2, 3 }, data[0].GetProperty("x").EnumerateArray().Select(v => v.GetInt32()).ToArray());
        Assert.Equal(2.4, data[1].GetProperty("y")[1].GetDouble());
        Assert.Equal("y2", data[2].GetProperty("yaxis").GetString());
        var y2 = figure.GetProperty("layout").GetProperty("yaxis2");
        Assert.Equal("y", y2.GetProperty("overlaying").GetString());
        Assert.Equal("right", y2.GetProperty("side").GetString());
    }

    [Fact]
    public void TrainOnlyAndBadArguments()
    {
        var figure = AttentionHeatmapTests.Figure(LossCurve.Create([1.0, 0.5]));
        Assert.Equal(1, figure.GetProperty("data").GetArrayLength());
        Assert.False(figure.GetProperty("layout").TryGetProperty("yaxis2", out _));
        Assert.Throws<ArgumentException>(() => LossCurve.Create([]));
        Assert.Throws<ArgumentException>(() => LossCurve.Create([1.0], metric: [2.0]));
    }
}
