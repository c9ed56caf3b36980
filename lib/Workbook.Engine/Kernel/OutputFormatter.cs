using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using TorchSharp;

namespace Workbook.Kernel;

/// <summary>Turns a displayed value into an nbformat mime bundle the way the C# kernel does: through
/// Microsoft.DotNet.Interactive.Formatting (strings as text/plain, other objects as text/html + text/plain),
/// plus formatters the kernel gets from extensions: TorchSharp tensors show their values, Plotly.NET charts
/// become the Plotly.NET.Interactive HTML fragment and the standard plotly JSON mime (used by the HTML export).</summary>
public static class OutputFormatter
{
    /// <summary>The standard Jupyter mime type for a Plotly figure ({data, layout}).</summary>
    public const string PlotlyMime = "application/vnd.plotly.v1+json";

    private static readonly object InitGate = new();
    private static bool initialized;

    /// <summary>Configures the formatting library as a browser front end does, once per process.</summary>
    public static void Initialize()
    {
        lock (InitGate)
        {
            if (initialized) return;
            Formatter.DefaultMimeType = "text/html";
            Formatter.SetPreferredMimeTypesFor(typeof(string), "text/plain");
            Formatter.Register<torch.Tensor>((t, w) => w.Write(TensorText(t)), "text/plain");
            Formatter.Register<torch.Tensor>((t, w) => w.Write(Pre(TensorText(t))), "text/html");
            initialized = true;
        }
    }

    /// <summary>The mime bundle for <paramref name="value"/> (all of <paramref name="mimeTypes"/> when given).</summary>
    public static JsonObject Format(object? value, IReadOnlyList<string> mimeTypes)
    {
        Initialize();
        switch (value)
        {
            case PreformattedValue p:
                return new JsonObject { [p.MimeType] = Lines(p.Text) };
            case HtmlString h:
                return new JsonObject { ["text/html"] = Lines(h.Html) };
            case GenericChart chart when mimeTypes.Count == 0:
                return new JsonObject
                {
                    ["text/html"] = Lines(ChartFragment(chart)),
                    [PlotlyMime] = JsonNode.Parse(GenericChart.toFigureJson(chart)),
                };
        }
        var mimes = mimeTypes.Count > 0 ? mimeTypes.ToList() : DefaultMimes(value);
        var bundle = new JsonObject();
        foreach (var mime in mimes)
        {
            string text;
            try { text = value is null ? Formatter.NullString : value.ToDisplayString(mime); }
            catch (Exception e) { text = $"<formatting {value!.GetType().Name} as {mime} failed: {e.Message}>"; }
            bundle[mime] = Lines(text);
        }
        return bundle;
    }

    private static List<string> DefaultMimes(object? value)
    {
        if (value is null or string) return ["text/plain"];
        var mimes = Formatter.GetPreferredMimeTypesFor(value.GetType()).ToList();
        if (!mimes.Contains("text/plain")) mimes.Add("text/plain");
        return mimes;
    }

    /// <summary>Plotly.NET.Interactive's fragment: plotly.js is loaded through require.js from the CDN, so the chart
    /// renders in VS Code / Jupyter. Offline pages are written by the HTML export from the plotly JSON instead.</summary>
    private static string ChartFragment(GenericChart chart)
    {
        var reference = PlotlyJSReference.NewRequire($"https://cdn.plot.ly/plotly-{Globals.PLOTLYJS_VERSION}.min");
        var options = DisplayOptions.setPlotlyReference(reference).Invoke(GenericChart.getDisplayOptions(chart));
        return GenericChart.toChartHTML(GenericChart.setDisplayOptions(options, chart));
    }

    /// <summary>Metadata line plus the values (numpy style), e.g. "[2x2], type = Float32, device = cpu\n[[1, 2], [3, 4]]".</summary>
    public static string TensorText(torch.Tensor t)
    {
        try
        {
            var values = t.ToString(TensorStringStyle.Numpy, "g6", 100, CultureInfo.InvariantCulture, "\n");
            return $"{t}\n{values}";
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            return $"<tensor unavailable: {e.Message}>";
        }
    }

    private static string Pre(string text) => $"<div class=\"dni-plaintext\"><pre>{WebUtility.HtmlEncode(text)}</pre></div>";

    private static JsonArray Lines(string text) => Notebooks.NotebookJson.ToLines(text);
}
