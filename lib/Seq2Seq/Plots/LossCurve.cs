using Plotly.NET;
using Plotly.NET.CSharp;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace Seq2Seq.Plots;

/// <summary>Training curves: train and validation loss against epochs (x = 1, 2, …), and optionally a second metric
/// (BLEU, accuracy) on its own axis at the right, so a falling loss and a rising score share one picture.</summary>
public static class LossCurve
{
    /// <param name="train">train loss per epoch (or per logging interval).</param>
    /// <param name="valid">validation loss per epoch, or null.</param>
    /// <param name="metricName">name of the second metric (e.g. "BLEU"); needs <paramref name="metric"/>.</param>
    /// <param name="metric">its values per epoch, or null.</param>
    /// <param name="xTitle">what one x step is.</param>
    public static GenericChart Create(IReadOnlyList<double> train, IReadOnlyList<double>? valid = null,
        string? metricName = null, IReadOnlyList<double>? metric = null, string xTitle = "epoch")
    {
        if (train.Count == 0) throw new ArgumentException("LossCurve: the train series is empty.", nameof(train));
        if (metric is not null && string.IsNullOrWhiteSpace(metricName))
            throw new ArgumentException("LossCurve: a metric series needs a metricName.", nameof(metricName));
        var lines = new List<GenericChart> { Line(train, "train loss") };
        if (valid is not null) lines.Add(Line(valid, "valid loss"));
        if (metric is not null)
        {
            var scores = Line(metric, metricName!);
            foreach (var trace in GenericChart.getTraces(scores)) trace.SetProperty("yaxis", "y2");   // the right-hand axis
            lines.Add(scores);
        }
        var chart = CSharpChart.Combine(lines)
            .WithXAxisStyle<int, int, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: "loss");
        return metric is null ? chart : chart.WithYAxisStyle<double, double, string>(TitleText: metricName!,
            Side: StyleParam.Side.Right, Overlaying: StyleParam.LinearAxisId.NewY(1), Id: StyleParam.SubPlotId.NewYAxis(2));
    }

    private static GenericChart Line(IReadOnlyList<double> values, string name) =>
        CSharpChart.Line<int, double, string>(Enumerable.Range(1, values.Count), values, Name: name, ShowMarkers: true);
}
