using Markdig;

namespace Workbook.Html;

/// <summary>Markdown → HTML for notebook text, with Markdig (CommonMark plus the extensions Jupyter users expect:
/// pipe tables, auto-links, task lists, footnotes, emphasis extras). Math is kept out of Markdown's reach first
/// (<see cref="MathSpans"/>, Jupyter's rules) and comes back as <c>&lt;span class="math"&gt;</c> elements for
/// <see cref="KatexJs"/> to typeset in the page.</summary>
public static class Markdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static string ToHtml(string markdown)
    {
        var (text, spans) = MathSpans.Protect(markdown);
        return MathSpans.Restore(Markdig.Markdown.ToHtml(text, Pipeline), spans);
    }

    /// <summary>True when the rendered HTML holds math for KaTeX.</summary>
    public static bool HasMath(string html) => html.Contains("class=\"math", StringComparison.Ordinal);
}
