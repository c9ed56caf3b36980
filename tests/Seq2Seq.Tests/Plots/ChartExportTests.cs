using Seq2Seq.Plots;

namespace Seq2Seq.Tests.Plots;

public sealed class ChartExportTests
{
    private static Plotly.NET.GenericChart Chart() =>
        AttentionHeatmap.Create(new float[,] { { 0.9f, 0.1f }, { 0.2f, 0.8f } }, ["Katze", "schläft"], ["cat", "sleeps"]);

    [Fact]
    public void StandaloneHtmlInlinesPlotlyAndNeedsNoNetwork()
    {
        string html = ChartExport.ToStandaloneHtml(Chart());
        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        // plotly.js itself mentions cdn.plot.ly (topojson URLs), so check the tags: none loads a script from elsewhere.
        Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex(@"<script[^>]*\bsrc\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase), html);
        Assert.Contains($"plotly.js v{Globals.PLOTLYJS_VERSION}", html);       // the library's own banner
        Assert.True(html.Length > 1_000_000, $"only {html.Length} characters: plotly.js is not inlined");
        Assert.Contains("schläft", html);
        Assert.Contains("Plotly.newPlot", html);
    }

    [Fact]
    public void SaveWritesTheStandalonePage()
    {
        var folder = Path.Combine(Path.GetTempPath(), "seq2seq-plots-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = ChartExport.SaveStandaloneHtml(Chart(), Path.Combine(folder, "sub", "attention.html"));
            string html = File.ReadAllText(path);
            Assert.Contains("sleeps", html);
            Assert.True(html.Length > 1_000_000, "plotly.js is not inlined in the saved page");
            Assert.Throws<ArgumentException>(() => ChartExport.SaveStandaloneHtml(Chart(), " "));
        }
        finally { if (Directory.Exists(folder)) Directory.Delete(folder, true); }
    }

    [Fact]
    public void FragmentIsADivAndAScriptForAPageThatHasPlotly()
    {
        string fragment = ChartExport.ToHtmlFragment(Chart());
        Assert.Contains("<div", fragment);
        Assert.Contains("Plotly.newPlot", fragment);
        Assert.DoesNotContain("<html", fragment, StringComparison.OrdinalIgnoreCase);
        Assert.True(fragment.Length < 100_000, "the fragment must not carry plotly.js");
        Assert.Contains("sleeps", fragment);
    }
}
