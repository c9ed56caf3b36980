using System.Text.Json;
using Seq2Seq.Plots;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Plots;

[Collection("Sequential")]
public sealed class AttentionHeatmapTests
{
    private static readonly string[] Source = ["the", "cat", "saw", "the", "dog"];
    private static readonly string[] Target = ["le", "chat", "a", "vu", "le", "chien"];

    private static float[,] Weights()
    {
        var w = new float[Target.Length, Source.Length];
        for (int t = 0; t < Target.Length; t++) for (int s = 0; s < Source.Length; s++) w[t, s] = (t * 10 + s) / 100f;
        return w;
    }

    internal static JsonElement Figure(Plotly.NET.GenericChart chart) => JsonDocument.Parse(ChartExport.ToJson(chart)).RootElement;

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public void JsonHoldsDistinctLabelsReversedRowsValuesAndHoverText()
    {
        var figure = Figure(AttentionHeatmap.Create(Weights(), Source, Target, "example"));
        var trace = figure.GetProperty("data")[0];
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        var (x, y) = (Strings(trace.GetProperty("x")), Strings(trace.GetProperty("y")));
        Assert.Equal(Source.Length, x.Distinct().Count());                      // "the" twice, still two columns
        Assert.Equal(Target.Length, y.Distinct().Count());
        Assert.Equal(Source, x.Select(l => l.Replace("\u200B", "")).ToArray()); // ... that read the same
        Assert.Equal(Target, y.Select(l => l.Replace("\u200B", "")).ToArray());
        Assert.Equal("reversed", figure.GetProperty("layout").GetProperty("yaxis").GetProperty("autorange").GetString());
        var z = trace.GetProperty("z");
        Assert.Equal(Target.Length, z.GetArrayLength());
        Assert.Equal(0.43f, z[4][3].GetSingle(), 5);                            // row = target 4, column = source 3
        Assert.Equal("le ← the: 0.430", trace.GetProperty("text")[4][3].GetString());
        Assert.Contains("%{text}", trace.GetProperty("hovertemplate").GetString());
        Assert.Equal(1.0, trace.GetProperty("zmax").GetDouble());
        Assert.Contains("example", figure.GetProperty("layout").GetProperty("title").GetRawText());
    }

    [Fact]
    public void DistinctLabelsKeepUniqueTokensUnchanged()
    {
        var labels = AttentionHeatmap.DistinctLabels(["a", "b", "a", "a"]);
        Assert.Equal(["a", "b", "a\u200B", "a\u200B\u200B"], labels);
    }

    [Fact]
    public void TensorAndJaggedOverloadsPlotTheSameValues()
    {
        var w = Weights();
        using var t = tensor(w);
        var jagged = Enumerable.Range(0, Target.Length).Select(r => Enumerable.Range(0, Source.Length).Select(c => w[r, c]).ToArray()).ToArray();
        string expected = Figure(AttentionHeatmap.Create(w, Source, Target)).GetProperty("data")[0].GetProperty("z").GetRawText();
        Assert.Equal(expected, Figure(AttentionHeatmap.Create(t, Source, Target)).GetProperty("data")[0].GetProperty("z").GetRawText());
        Assert.Equal(expected, Figure(AttentionHeatmap.Create(jagged, Source, Target)).GetProperty("data")[0].GetProperty("z").GetRawText());
    }

    [Fact]
    public void MismatchedLabelsAreReportedWithBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => AttentionHeatmap.Create(Weights(), Source[..4], Target));
        Assert.Contains("[6, 5]", e.Message);
        Assert.Contains("4 source", e.Message);
        using var vector = ones(3);
        Assert.Throws<ArgumentException>(() => AttentionHeatmap.Create(vector, Source, Target));
        Assert.Throws<ArgumentException>(() => AttentionHeatmap.Create([new float[2], new float[3]], Source[..3], Target[..2]));
    }
}
