using Plotly.NET;
using Plotly.NET.CSharp;
using static TorchSharp.torch;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace Seq2Seq.Plots;

/// <summary>A positional-encoding matrix as a heatmap: positions down (0 at the top), dimensions across, a diverging
/// colour scale centred on 0 (sinusoids live in [-1, 1]).</summary>
public static class PositionalEncodingPlot
{
    /// <param name="encoding">[positions, d].</param>
    /// <param name="title">optional chart title.</param>
    public static GenericChart Create(float[,] encoding, string? title = null)
    {
        int positions = encoding.GetLength(0), d = encoding.GetLength(1);
        if (positions == 0 || d == 0) throw new ArgumentException("PositionalEncodingPlot: the matrix is empty.", nameof(encoding));
        var chart = CSharpChart.Heatmap<float, int, int, string>(PlotData.Rows(encoding),
                X: Enumerable.Range(0, d).ToArray(), Y: Enumerable.Range(0, positions).ToArray(), ColorScale: StyleParam.Colorscale.RdBu, ReverseYAxis: true)
            .WithXAxisStyle<int, int, string>(TitleText: "dimension i")
            .WithYAxisStyle<int, int, string>(TitleText: "position");
        foreach (var trace in GenericChart.getTraces(chart)) trace.SetProperty("zmid", 0.0);
        return title is null ? chart : Plotly.NET.Chart.withTitle(title, null).Invoke(chart);
    }

    /// <summary>A tensor [positions, d] (a leading batch dimension of 1 is dropped).</summary>
    public static GenericChart Create(Tensor encoding, string? title = null)
    {
        using var matrix = encoding.dim() == 3 && encoding.shape[0] == 1 ? encoding[0] : encoding.alias();
        return Create(PlotData.ToMatrix(matrix, "PositionalEncodingPlot"), title);
    }
}
