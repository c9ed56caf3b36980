using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Workbook.Html;

/// <summary>Markdown → HTML for notebook text, with Markdig (CommonMark plus the extensions Jupyter users expect:
/// pipe tables, auto-links, task lists, footnotes, emphasis extras and math). Math stays TeX: <c>$…$</c> becomes
/// <c>&lt;span class="math"&gt;\(…\)&lt;/span&gt;</c>, and <c>$$…$$</c> — on its own lines or inside a paragraph, as
/// Jupyter allows — display math <c>\[…\]</c>, untouched by emphasis rules (so <c>y_i … y_{&lt;i}</c> survives), for
/// <see cref="KatexJs"/> to typeset in the page.</summary>
public static class Markdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static string ToHtml(string markdown)
    {
        var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HtmlMathInlineRenderer>(new DisplayAwareMathInline());
        renderer.Render(Markdig.Markdown.Parse(markdown, Pipeline));
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>True when the rendered HTML holds math for KaTeX.</summary>
    public static bool HasMath(string html) => html.Contains("class=\"math", StringComparison.Ordinal);

    /// <summary>Markdig renders <c>$$x$$</c> inside a paragraph as inline math; Jupyter shows it as display math.</summary>
    private sealed class DisplayAwareMathInline : HtmlObjectRenderer<MathInline>
    {
        protected override void Write(HtmlRenderer renderer, MathInline math)
        {
            var display = math.DelimiterCount >= 2;
            renderer.Write(display ? "<span class=\"math display\">\\[" : "<span class=\"math\">\\(");
            renderer.WriteEscape(ref math.Content);
            renderer.Write(display ? "\\]</span>" : "\\)</span>");
        }
    }
}
