using Plotly.NET;

namespace Workbook.Html;

/// <summary>The plotly.js that Plotly.NET embeds (what <c>PlotlyJSReference.Full</c> inlines), read from its
/// assembly resources so exported pages work offline without a CDN.</summary>
public static class PlotlyJs
{
    private static readonly Lazy<string> Source = new(Load);

    /// <summary>The bundled plotly.js version (e.g. "2.28.0").</summary>
    public static string Version => Globals.PLOTLYJS_VERSION;

    /// <summary>The minified plotly.js source.</summary>
    public static string Script => Source.Value;

    private static string Load()
    {
        var assembly = typeof(GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith($"plotly-{Version}.min.js", StringComparison.Ordinal))
            ?? assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(".min.js", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} does not embed plotly.js; cannot write offline HTML.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
