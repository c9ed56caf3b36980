using Plotly.NET;
using Plotly.NET.CSharp;
using static TorchSharp.torch;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace Seq2Seq.Plots;

/// <summary>Attention weights as an interactive heatmap: source tokens on x, target tokens on y (first target
/// token at the top), hover showing the token pair and the weight. Colours span [0, 1] so plots compare.</summary>
public static class AttentionHeatmap
{
    /// <param name="weights">[T, S]: row t = how target token t spread its attention over the source.</param>
    /// <param name="sourceTokens">S labels for the columns.</param>
    /// <param name="targetTokens">T labels for the rows.</param>
    /// <param name="title">optional chart title.</param>
    public static GenericChart Create(float[,] weights, IReadOnlyList<string> sourceTokens, IReadOnlyList<string> targetTokens, string? title = null)
    {
        Check(weights, sourceTokens, targetTokens);
        var chart = Trace(weights, sourceTokens, targetTokens, showScale: true)
            .WithXAxisStyle<string, string, string>(TitleText: "source")
            .WithYAxisStyle<string, string, string>(TitleText: "target");
        return title is null ? chart : Plotly.NET.Chart.withTitle(title, null).Invoke(chart);
    }

    /// <summary>Jagged rows [T][S].</summary>
    public static GenericChart Create(float[][] weights, IReadOnlyList<string> sourceTokens, IReadOnlyList<string> targetTokens, string? title = null) =>
        Create(PlotData.ToMatrix(weights, "AttentionHeatmap"), sourceTokens, targetTokens, title);

    /// <summary>A tensor [T, S] (e.g. one row of <c>RnnSeq2Seq.AttentionWeights</c>, cut to the sentence lengths).</summary>
    public static GenericChart Create(Tensor weights, IReadOnlyList<string> sourceTokens, IReadOnlyList<string> targetTokens, string? title = null) =>
        Create(PlotData.ToMatrix(weights, "AttentionHeatmap"), sourceTokens, targetTokens, title);

    /// <summary>Labels made unique for plotly's categorical axes, which merge equal labels ("the … the" would become
    /// one column): the k-th repeat gets k zero-width spaces appended, so it looks the same but stays its own column.</summary>
    public static string[] DistinctLabels(IReadOnlyList<string> tokens)
    {
        var seen = new Dictionary<string, int>();
        return tokens.Select(token =>
        {
            int k = seen.TryGetValue(token, out var n) ? n : 0;
            seen[token] = k + 1;
            return token + new string('\u200B', k);
        }).ToArray();
    }

    /// <summary>The heatmap trace alone (also used by <see cref="AttentionGrid"/>).</summary>
    internal static GenericChart Trace(float[,] weights, IReadOnlyList<string> sourceTokens, IReadOnlyList<string> targetTokens, bool showScale)
    {
        var chart = CSharpChart.Heatmap<float, string, string, string>(
            PlotData.Rows(weights), X: DistinctLabels(sourceTokens), Y: DistinctLabels(targetTokens),
            ColorScale: StyleParam.Colorscale.Viridis, ShowScale: showScale, ReverseYAxis: true);
        var hover = Enumerable.Range(0, targetTokens.Count).Select(t => Enumerable.Range(0, sourceTokens.Count)
            .Select(s => $"{targetTokens[t]} ← {sourceTokens[s]}: {weights[t, s]:0.000}").ToArray()).ToArray();
        foreach (var trace in GenericChart.getTraces(chart))
        {
            trace.SetProperty("text", hover);
            trace.SetProperty("hovertemplate", "%{text}<extra></extra>");
            trace.SetProperty("zmin", 0.0);
            trace.SetProperty("zmax", 1.0);
        }
        return chart;
    }

    internal static void Check(float[,] weights, IReadOnlyList<string> sourceTokens, IReadOnlyList<string> targetTokens)
    {
        if (weights.GetLength(1) != sourceTokens.Count || weights.GetLength(0) != targetTokens.Count)
            throw new ArgumentException($"AttentionHeatmap: weights are [{weights.GetLength(0)}, {weights.GetLength(1)}] but there are " +
                $"{targetTokens.Count} target and {sourceTokens.Count} source tokens (expected [T, S] = [{targetTokens.Count}, {sourceTokens.Count}]).", nameof(weights));
    }
}
