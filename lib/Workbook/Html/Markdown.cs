using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Workbook.Html;

/// <summary>A small Markdown → HTML renderer for notebook text: ATX headings, paragraphs, fenced code, bullet and
/// numbered lists, block quotes, tables, rules, and inline code, bold, italic, links and images. Math (<c>$...$</c>)
/// is left as text for MathJax/KaTeX. Not CommonMark-complete; enough for course notebooks.</summary>
public static partial class Markdown
{
    [GeneratedRegex(@"^(#{1,6})\s+(.*?)\s*#*\s*$")] private static partial Regex Heading();
    [GeneratedRegex(@"^\s*([-*+]|\d+[.)])\s+(.*)$")] private static partial Regex ListItem();
    [GeneratedRegex(@"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")] private static partial Regex TableRule();
    [GeneratedRegex(@"^\s*([-*_])(\s*\1){2,}\s*$")] private static partial Regex Rule();

    public static string ToHtml(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var html = new StringBuilder();
        for (int i = 0; i < lines.Length;)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line)) { i++; continue; }
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                var lang = line.Trim()[3..].Trim();
                var code = new List<string>();
                for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++) code.Add(lines[i]);
                i++;
                var cls = lang.Length > 0 ? $" class=\"language-{WebUtility.HtmlEncode(lang)}\"" : "";
                html.Append($"<pre><code{cls}>{WebUtility.HtmlEncode(string.Join("\n", code))}</code></pre>\n");
                continue;
            }
            var heading = Heading().Match(line);
            if (heading.Success)
            {
                int level = heading.Groups[1].Length;
                html.Append($"<h{level}>{Inline(heading.Groups[2].Value)}</h{level}>\n");
                i++;
                continue;
            }
            if (Rule().IsMatch(line)) { html.Append("<hr/>\n"); i++; continue; }
            if (line.TrimStart().StartsWith('>'))
            {
                var quote = new List<string>();
                for (; i < lines.Length && lines[i].TrimStart().StartsWith('>'); i++) quote.Add(lines[i].TrimStart()[1..].TrimStart());
                html.Append($"<blockquote>{ToHtml(string.Join("\n", quote))}</blockquote>\n");
                continue;
            }
            if (line.Contains('|') && i + 1 < lines.Length && TableRule().IsMatch(lines[i + 1]))
            {
                html.Append("<table>\n<thead><tr>").Append(string.Concat(Cells(line).Select(c => $"<th>{Inline(c)}</th>"))).Append("</tr></thead>\n<tbody>\n");
                for (i += 2; i < lines.Length && lines[i].Contains('|'); i++)
                    html.Append("<tr>").Append(string.Concat(Cells(lines[i]).Select(c => $"<td>{Inline(c)}</td>"))).Append("</tr>\n");
                html.Append("</tbody></table>\n");
                continue;
            }
            var item = ListItem().Match(line);
            if (item.Success)
            {
                var ordered = char.IsDigit(item.Groups[1].Value[0]);
                html.Append(ordered ? "<ol>\n" : "<ul>\n");
                while (i < lines.Length && ListItem().Match(lines[i]) is { Success: true } m)
                {
                    var text = new StringBuilder(m.Groups[2].Value);
                    for (i++; i < lines.Length && lines[i].StartsWith("  ", StringComparison.Ordinal) && !ListItem().IsMatch(lines[i]); i++)
                        text.Append(' ').Append(lines[i].Trim());
                    html.Append($"<li>{Inline(text.ToString())}</li>\n");
                }
                html.Append(ordered ? "</ol>\n" : "</ul>\n");
                continue;
            }
            var paragraph = new List<string>();
            for (; i < lines.Length && !string.IsNullOrWhiteSpace(lines[i]) && !StartsBlock(lines[i]); i++) paragraph.Add(lines[i].Trim());
            if (paragraph.Count == 0) { paragraph.Add(lines[i].Trim()); i++; }
            html.Append($"<p>{Inline(string.Join("\n", paragraph))}</p>\n");
        }
        return html.ToString();
    }

    private static bool StartsBlock(string line) =>
        Heading().IsMatch(line) || line.TrimStart().StartsWith("```", StringComparison.Ordinal) || ListItem().IsMatch(line)
        || line.TrimStart().StartsWith('>') || Rule().IsMatch(line);

    private static IEnumerable<string> Cells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim());

    [GeneratedRegex(@"`([^`]+)`")] private static partial Regex Code();
    [GeneratedRegex(@"!\[([^\]]*)\]\(([^)\s]+)\)")] private static partial Regex Image();
    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")] private static partial Regex Link();
    [GeneratedRegex(@"\*\*(.+?)\*\*|__(.+?)__")] private static partial Regex Bold();
    [GeneratedRegex(@"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)")] private static partial Regex Italic();

    /// <summary>Inline markup. Code spans are cut out first so nothing inside them is interpreted.</summary>
    public static string Inline(string text)
    {
        var spans = new List<string>();
        text = Code().Replace(text, m => { spans.Add($"<code>{WebUtility.HtmlEncode(m.Groups[1].Value)}</code>"); return $"\u0000{spans.Count - 1}\u0000"; });
        text = WebUtility.HtmlEncode(text);
        text = Image().Replace(text, m => $"<img alt=\"{m.Groups[1].Value}\" src=\"{m.Groups[2].Value}\"/>");
        text = Link().Replace(text, m => $"<a href=\"{m.Groups[2].Value}\">{m.Groups[1].Value}</a>");
        text = Bold().Replace(text, m => $"<strong>{m.Groups[1].Value}{m.Groups[2].Value}</strong>");
        text = Italic().Replace(text, m => $"<em>{m.Groups[1].Value}{m.Groups[2].Value}</em>");
        return Regex.Replace(text, "\u0000(\\d+)\u0000", m => spans[int.Parse(m.Groups[1].Value)]);
    }
}
