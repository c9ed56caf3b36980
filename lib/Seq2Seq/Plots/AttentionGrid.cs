using Plotly.NET;
using Plotly.NET.CSharp;
using static TorchSharp.torch;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace Seq2Seq.Plots;

/// <summary>Every head of every layer at once (rows = layers, columns = heads), titled "layer l, head h", so a
/// plot always says which head it shows (bentrevett/pytorch-seq2seq#176). One shared colour scale over [0, 1].</summary>
public static class AttentionGrid
{
    /// <param name="weights">[L][H] matrices [T, S] (layers outer, heads inner; numbered from 1 in titles).</param>
    /// <param name="sourceTokens">S labels (x).</param>
    /// <param name="targetTokens">T labels (y; for self-attention pass the same tokens twice).</param>
    /// <param name="title">optional chart title.</param>
    public static GenericChart Create(float[][][,] weights, IReadOnlyList<string> sourceTokens, IReadOnlyList<string> targetTokens, string? title = null)
    {
        int layers = weights.Length, heads = layers == 0 ? 0 : weights[0].Length;
        if (layers == 0 || heads == 0) throw new ArgumentException("AttentionGrid: need at least one layer and one head.", nameof(weights));
        var charts = new List<GenericChart>();
        var titles = new List<string>();
        for (int l = 0; l < layers; l++)
        {
            if (weights[l].Length != heads)
                throw new ArgumentException($"AttentionGrid: layer {l + 1} has {weights[l].Length} heads, layer 1 has {heads}.", nameof(weights));
            for (int h = 0; h < heads; h++)
            {
                AttentionHeatmap.Check(weights[l][h], sourceTokens, targetTokens);
                charts.Add(AttentionHeatmap.Trace(weights[l][h], sourceTokens, targetTokens, showScale: l == 0 && h == 0));
                titles.Add($"layer {l + 1}, head {h + 1}");
            }
        }
        var grid = CSharpChart.Grid(charts, layers, heads, SubPlotTitles: titles)
            .WithSize(Width: Math.Max(400, 260 * heads), Height: Math.Max(300, 240 * layers));
        return title is null ? grid : Plotly.NET.Chart.withTitle(title, null).Invoke(grid);
    }

    /// <summary>A tensor [L, H, T, S] (e.g. the stacked per-head weights of a Transformer's layers).</summary>
    public static GenericChart Create(Tensor weights, IReadOnlyList<string> sourceTokens, IReadOnlyList<string> targetTokens, string? title = null)
    {
        if (weights.dim() != 4)
            throw new ArgumentException($"AttentionGrid: expected [L, H, T, S], got [{string.Join(", ", weights.shape)}].", nameof(weights));
        var matrices = Enumerable.Range(0, (int)weights.shape[0]).Select(l => Enumerable.Range(0, (int)weights.shape[1])
            .Select(h => { using var m = weights[l, h]; return PlotData.ToMatrix(m, "AttentionGrid"); }).ToArray()).ToArray();
        return Create(matrices, sourceTokens, targetTokens, title);
    }
}
