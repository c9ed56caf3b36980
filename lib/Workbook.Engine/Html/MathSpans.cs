using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Workbook.Html;

/// <summary>Takes the TeX out of Markdown before it is rendered and puts it back afterwards, as Jupyter's own
/// front ends do (JupyterLab's <c>removeMath</c>/<c>replaceMath</c>): Markdown rules must not touch math, so
/// <c>x_i … y_j</c> stays TeX instead of becoming emphasis, <c>a^b^</c> a superscript, or a line break split a
/// <c>$$…$$</c> that spans lines. Delimiters: <c>$$…$$</c> and <c>\[…\]</c> (display), <c>$…$</c> and
/// <c>\(…\)</c> (inline). Code spans and fenced code blocks are left alone; <c>\$</c> is a literal dollar.</summary>
public static partial class MathSpans
{
    private const char Open = '\uE000', Close = '\uE001';   // private-use characters: Markdown never changes them

    [GeneratedRegex(@"\$\$(?<d>.+?)\$\$|\\\[(?<d>.+?)\\\]|\\\((?<i>.+?)\\\)|(?<!\\)\$(?<i>[^\s$](?:[^$\n]|\n(?!\s*\n))*?)(?<![\s\\])\$", RegexOptions.Singleline)]
    private static partial Regex MathPattern();

    [GeneratedRegex(@"(?<fence>^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?(^[ \t]*\2[ \t]*$|\z))|(?<span>(`+).+?\3)", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CodePattern();

    [GeneratedRegex("\uE000(\\d+)\uE001")]
    private static partial Regex Placeholder();

    /// <summary>Markdown with every math span replaced by a placeholder, and the spans (TeX, display?) in order.</summary>
    public static (string Markdown, IReadOnlyList<(string Tex, bool Display)> Spans) Protect(string markdown)
    {
        var spans = new List<(string, bool)>();
        var result = new StringBuilder();
        int at = 0;
        foreach (Match code in CodePattern().Matches(markdown))
        {
            result.Append(ProtectText(markdown[at..code.Index], spans)).Append(code.Value);
            at = code.Index + code.Length;
        }
        result.Append(ProtectText(markdown[at..], spans));
        return (result.ToString(), spans);
    }

    private static string ProtectText(string text, List<(string, bool)> spans) => MathPattern().Replace(text, m =>
    {
        var display = m.Groups["d"].Success;
        spans.Add(((display ? m.Groups["d"] : m.Groups["i"]).Value.Trim(), display));
        return $"{Open}{spans.Count - 1}{Close}";
    });

    /// <summary>Puts the spans back into rendered HTML as <c>&lt;span class="math"&gt;\(…\)&lt;/span&gt;</c> or
    /// <c>&lt;span class="math display"&gt;\[…\]&lt;/span&gt;</c>, the TeX HTML-escaped.</summary>
    public static string Restore(string html, IReadOnlyList<(string Tex, bool Display)> spans) => Placeholder().Replace(html, m =>
    {
        var (tex, display) = spans[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)];
        var escaped = WebUtility.HtmlEncode(tex);
        return display ? $"<span class=\"math display\">\\[{escaped}\\]</span>" : $"<span class=\"math\">\\({escaped}\\)</span>";
    });
}
