using Plotly.NET;
using Microsoft.FSharp.Core;

namespace Seq2Seq.Plots;

/// <summary>Charts as HTML: a standalone page that works offline (plotly.js inlined, ~3.6 MB) and a fragment for
/// embedding in a page or notebook output that already loads plotly.js.</summary>
public static class ChartExport
{
    /// <summary>A complete HTML document with plotly.js inside it: no CDN, no network needed to view it.</summary>
    public static string ToStandaloneHtml(GenericChart chart)
    {
        var options = DisplayOptions.setPlotlyReference(PlotlyJSReference.Full).Invoke(GenericChart.getDisplayOptions(chart));
        return GenericChart.toEmbeddedHTML(GenericChart.setDisplayOptions(options, chart));
    }

    /// <summary>Writes <see cref="ToStandaloneHtml"/> to <paramref name="path"/> (creating its folder); returns the full path.</summary>
    public static string SaveStandaloneHtml(GenericChart chart, string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("ChartExport: the output path is empty.", nameof(path));
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, ToStandaloneHtml(chart));
        return full;
    }

    /// <summary>A <c>&lt;div&gt;</c> + <c>&lt;script&gt;</c> that draws the chart with the page's global <c>Plotly</c>.</summary>
    public static string ToHtmlFragment(GenericChart chart) => GenericChart.toChartHTML(chart);

    /// <summary>The plotly figure JSON (data, layout, config), e.g. for tests or other front ends.</summary>
    public static string ToJson(GenericChart chart) => GenericChart.toFigureJson(chart);
}
