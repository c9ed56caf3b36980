using Seq2Seq.Plots;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Plots;

[Collection("Sequential")]
public sealed class PositionalEncodingPlotTests
{
    [Fact]
    public void HeatmapOfPositionsByDimensions()
    {
        // pe[pos, i] = sin(pos / 10000^(i/d)) for even i, cos for odd i (Vaswani et al. 2017, §3.5), d = 4.
        var pe = new float[6, 4];
        for (int pos = 0; pos < 6; pos++)
            for (int i = 0; i < 4; i++)
            {
                double angle = pos / Math.Pow(10000, (i - i % 2) / 4.0);
                pe[pos, i] = (float)(i % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle));
            }
        using var t = tensor(pe).unsqueeze(0);                                  // [1, positions, d] is accepted too
        var figure = AttentionHeatmapTests.Figure(PositionalEncodingPlot.Create(t, "sinusoids"));
        var trace = figure.GetProperty("data")[0];
        Assert.Equal(6, trace.GetProperty("z").GetArrayLength());
        Assert.Equal(4, trace.GetProperty("z")[0].GetArrayLength());
        Assert.Equal(pe[5, 0], trace.GetProperty("z")[5][0].GetSingle(), 5);
        Assert.Equal(0.0, trace.GetProperty("zmid").GetDouble());
        Assert.Equal("reversed", figure.GetProperty("layout").GetProperty("yaxis").GetProperty("autorange").GetString());
        Assert.Throws<ArgumentException>(() => PositionalEncodingPlot.Create(new float[0, 3]));
    }
}
