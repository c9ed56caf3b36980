using System.Text.RegularExpressions;

namespace Workbook.Tests.Course;

/// <summary>The executed course's HTML pages as a student sees them, in headless Chromium with the network cut off:
/// every Plotly figure became an SVG chart (heatmaps drew their cells), every equation became MathML instead of raw
/// TeX, nothing is fetched from a CDN, and a screenshot of the page is not blank.</summary>
[Collection(CourseCollection.Name)]
public sealed class CoursePagesInBrowserTests(CourseRun course)
{
    [Theory]
    [InlineData("01-")]
    [InlineData("04-")]
    [InlineData("05-")]
    [InlineData("06-")]
    [InlineData("07-")]
    [InlineData("08-")]
    [InlineData("09-")]
    [InlineData("10-")]
    public async Task ChartsAndEquationsRenderOfflineInChromium(string prefix)
    {
        var nb = course.Notebook(prefix);
        var page = await File.ReadAllTextAsync(nb.HtmlPath);
        Assert.DoesNotMatch(@"<script[^>]*\ssrc\s*=", page);              // every script is inline
        var markup = Regex.Replace(page, @"<script\b.*?</script>", "", RegexOptions.Singleline);
        Assert.DoesNotMatch(@"<link\b", markup);                              // no external stylesheet or font
        Assert.DoesNotMatch(@"\ssrc\s*=\s*[""']?(https?:)?//", markup);      // no image, frame or media from a server

        var dom = await HeadlessChromium.DumpDom(nb.HtmlPath);
        var plotIds = Regex.Matches(page, "<div class=\"out plot\" id=\"(plot-\\d+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(nb.Figures.Count, plotIds.Count);
        Assert.NotEmpty(plotIds);
        foreach (var id in plotIds)
            Assert.True(Regex.IsMatch(PlotSection(dom, id), "<svg[^>]*class=\"main-svg\""), $"{nb.Stem}: {id} did not render as an SVG chart");
        var heatmaps = nb.FiguresWith("heatmap").Count;
        Assert.True(heatmaps > 0, $"{nb.Stem} displays no heatmap");
        Assert.True(Regex.Matches(dom, "<g class=\"hm\"").Count >= heatmaps, $"{nb.Stem}: fewer drawn heatmap layers than heatmap figures ({heatmaps})");

        var equations = Regex.Matches(page, "class=\"math[\" ]").Count;
        Assert.True(equations > 0, $"{nb.Stem}: no equations in the prose");
        Assert.Equal(equations, Regex.Matches(dom, "<math[ >]").Count);
        Assert.DoesNotMatch("class=\"katex-error", dom);                       // TeX that KaTeX could not parse
        var prose = Prose(dom);
        Assert.False(prose.Contains('$') || prose.Contains("\\("), $"{nb.Stem}: raw TeX left in the rendered text: …{Around(prose, prose.IndexOfAny(['$', '\\']))}…");

        var shot = PngPixels.Decode(await HeadlessChromium.Screenshot(nb.HtmlPath));
        Assert.True(shot.DominantShare < 0.97 && shot.DistinctColours > 50,
            $"{nb.Stem}: the screenshot looks blank ({shot.DistinctColours} colours, the commonest covers {shot.DominantShare:P1})");
    }

    /// <summary>09's training progress, as the page shows it: one block of a few lines (the validations, the last
    /// training line with tokens/s and ETA, the stop reason), not a line per report and not escaped text.</summary>
    [Fact]
    public async Task TheTrainingProgressOfNotebook09IsOneReadableBlockInChromium()
    {
        var nb = course.Notebook("09-");
        var dom = await HeadlessChromium.DumpDom(nb.HtmlPath);
        var blocks = Regex.Matches(dom, @"<pre class=""out"">(.*?)</pre>", RegexOptions.Singleline)
            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).Where(t => t.Contains("tok/s")).ToList();
        var progress = Assert.Single(blocks);
        var lines = progress.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 3, 8);
        Assert.Matches(@"^step +900 ep +\d+ \| loss [0-9.]+ \| lr \S+ \| +[0-9,]+ tok/s \| \d\d:\d\d:\d\d \| eta \d\d:\d\d:\d\d$", lines[^2]);
        Assert.EndsWith("stopped: max steps", lines[^1]);
        Assert.All(lines[..^2], l => Assert.Contains("| valid loss ", l));
    }

    /// <summary>The DOM from the plot's div up to the next plot (or the end).</summary>
    private static string PlotSection(string dom, string id)
    {
        var start = dom.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{id} is missing from the rendered page");
        var next = dom.IndexOf("class=\"out plot", start + 1, StringComparison.Ordinal);
        return next < 0 ? dom[start..] : dom[start..next];
    }

    /// <summary>The page's visible prose: markup, code, outputs, scripts and typeset math removed.</summary>
    private static string Prose(string dom)
    {
        var text = Regex.Replace(dom, @"<(script|style|pre|code|math|svg)\b.*?</\1>", " ", RegexOptions.Singleline);
        text = Regex.Replace(text, @"<div class=""out[^""]*"".*?</div>", " ", RegexOptions.Singleline);
        return System.Net.WebUtility.HtmlDecode(Regex.Replace(text, "<[^>]+>", " "));
    }

    private static string Around(string text, int at) => at < 0 ? "" : text[Math.Max(0, at - 60)..Math.Min(text.Length, at + 60)];
}
