namespace Workbook.Html;

/// <summary>KaTeX (vendored, see Html/vendor/katex/README.md) and the few lines that typeset the math spans
/// <see cref="Markdown"/> writes. Output is MathML, which browsers draw natively: no fonts, no CSS, no network.</summary>
public static class KatexJs
{
    public const string Version = "0.19.1";
    private static readonly Lazy<string> Source = new(Load);

    /// <summary>The minified KaTeX library.</summary>
    public static string Script => Source.Value;

    /// <summary>Renders every <c>.math</c> element once the page has loaded; a TeX error shows in red in place
    /// (class <c>katex-error</c>) instead of breaking the page.</summary>
    public const string RenderScript = """
        document.querySelectorAll('.math').forEach(function (el) {
          var tex = el.textContent.trim(), display = el.classList.contains('display');
          tex = tex.replace(/^\\[\(\[]/, '').replace(/\\[\)\]]$/, '');
          katex.render(tex, el, { displayMode: display, output: 'mathml', throwOnError: false });
        });
        """;

    private static string Load()
    {
        using var stream = typeof(KatexJs).Assembly.GetManifestResourceStream("katex.min.js")
            ?? throw new InvalidOperationException("workbook was built without its embedded katex.min.js; cannot render math.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
