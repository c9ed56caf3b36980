using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Workbook.Kernel;
using Workbook.Notebooks;

namespace Workbook.Html;

/// <summary>Writes an executed notebook as one standalone HTML page: markdown rendered (math typeset by KaTeX),
/// code with its outputs, Plotly figures drawn by plotly.js; both scripts inlined once in the page (no CDN, works offline).</summary>
public static class HtmlExporter
{
    public static string ToHtml(Notebook notebook, string title)
    {
        var body = new StringBuilder();
        int plots = 0;
        foreach (var cell in notebook.Cells)
        {
            if (cell.IsMarkdown) { body.Append("<section class=\"md\">").Append(Markdown.ToHtml(cell.Source)).Append("</section>\n"); continue; }
            if (!cell.IsCode) continue;
            var count = cell.ExecutionCount is int n ? n.ToString() : " ";
            body.Append($"<section class=\"code\"><div class=\"prompt\">[{count}]</div><pre class=\"src\"><code>{WebUtility.HtmlEncode(cell.Source)}</code></pre>\n");
            foreach (var output in cell.Outputs.OfType<JsonObject>()) body.Append(Output(output, ref plots));
            body.Append("</section>\n");
        }
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        page.Append($"<title>{WebUtility.HtmlEncode(title)}</title>\n<style>{Css}</style>\n");
        if (plots > 0) page.Append("<script>").Append(Inline(PlotlyJs.Script)).Append("</script>\n");
        var math = Markdown.HasMath(body.ToString());
        if (math) page.Append("<script>").Append(Inline(KatexJs.Script)).Append("</script>\n");
        page.Append("</head>\n<body>\n<main>\n").Append(body).Append("</main>\n");
        if (math) page.Append("<script>").Append(KatexJs.RenderScript).Append("</script>\n");
        page.Append("</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>A script's source made safe inside a &lt;script&gt; element.</summary>
    private static string Inline(string script) => script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);

    private static string Output(JsonObject output, ref int plots)
    {
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                var cls = output["name"]?.GetValue<string>() == "stderr" ? "stderr" : "stdout";
                return $"<pre class=\"out {cls}\">{WebUtility.HtmlEncode(NotebookJson.JoinLines(output["text"]))}</pre>\n";
            case "error":
                var text = NotebookJson.JoinLines(output["traceback"]);
                if (text.Length == 0) text = output["evalue"]?.GetValue<string>() ?? "";
                return $"<pre class=\"out error\">{WebUtility.HtmlEncode(text)}</pre>\n";
            case "display_data" or "execute_result" when output["data"] is JsonObject data:
                return Data(data, ref plots);
            default:
                return "";
        }
    }

    private static string Data(JsonObject data, ref int plots)
    {
        if (data[OutputFormatter.PlotlyMime] is JsonObject figure)
        {
            var id = $"plot-{++plots}";
            var json = figure.ToJsonString().Replace("</", "<\\/");
            return $"<div class=\"out plot\" id=\"{id}\"></div>\n<script>(function(){{var f={json};Plotly.newPlot('{id}',f.data,f.layout||{{}},Object.assign({{responsive:true}},f.config||{{}}));}})();</script>\n";
        }
        if (data["text/html"] is { } html) return $"<div class=\"out html\">{NotebookJson.JoinLines(html)}</div>\n";
        foreach (var image in new[] { "image/png", "image/jpeg" })
            if (data[image] is { } img) return $"<img class=\"out\" src=\"data:{image};base64,{NotebookJson.JoinLines(img).Replace("\n", "")}\"/>\n";
        if (data["image/svg+xml"] is { } svg) return $"<div class=\"out\">{NotebookJson.JoinLines(svg)}</div>\n";
        if (data["text/markdown"] is { } md) return $"<div class=\"out\">{Markdown.ToHtml(NotebookJson.JoinLines(md))}</div>\n";
        if (data["text/plain"] is { } plain) return $"<pre class=\"out\">{WebUtility.HtmlEncode(NotebookJson.JoinLines(plain))}</pre>\n";
        return "";
    }

    /// <summary>Index page: the notebooks folder's README (e.g. a course map), when there is one, rendered with its
    /// links to notebooks pointing at their pages; then one row per notebook (its title, linking its page) with status
    /// and run time, and the total.</summary>
    /// <param name="rows">Each notebook: title, its page (null when it produced none), run status, run time.</param>
    /// <param name="readme">Markdown of the folder's README.md, or null.</param>
    public static string Index(IEnumerable<(string Title, string? Href, string Status, TimeSpan Elapsed)> rows, string? readme = null)
    {
        var intro = readme is null ? "<h1>Notebooks</h1>\n" : NotebookLinksToPages(Markdown.ToHtml(readme)) + "<h2>This run</h2>\n";
        var page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>Notebooks</title>\n");
        page.Append($"<style>{Css}</style>\n</head>\n<body>\n<main>\n{intro}<table>\n<thead><tr><th>Notebook</th><th>Status</th><th>Time</th></tr></thead>\n<tbody>\n");
        var total = TimeSpan.Zero;
        foreach (var (title, href, status, elapsed) in rows)
        {
            var name = href is null ? WebUtility.HtmlEncode(title) : $"<a href=\"{WebUtility.HtmlEncode(href)}\">{WebUtility.HtmlEncode(title)}</a>";
            page.Append($"<tr><td>{name}</td><td class=\"{status}\">{status}</td><td>{elapsed.TotalSeconds:0.0} s</td></tr>\n");
            total += elapsed;
        }
        page.Append($"</tbody>\n<tfoot><tr><td>Total</td><td></td><td>{total.TotalSeconds:0.0} s</td></tr></tfoot>\n</table>\n</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>Links to a notebook beside the README (<c>href="09-x.ipynb"</c>) lead to its executed page instead.</summary>
    private static string NotebookLinksToPages(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "href=\"([^\"/:?#]+)\\.ipynb\"", "href=\"$1.html\"");

    private const string Css =
        "body{font-family:system-ui,sans-serif;margin:0;background:#fafafa;color:#222}main{max-width:60rem;margin:auto;padding:1rem 2rem 1rem 4rem}math{font-family:\"Latin Modern Math\",\"STIX Two Math\",\"Cambria Math\",math}" +
        "section.code{margin:1rem 0;position:relative}.prompt{position:absolute;left:-3rem;color:#888;font:0.8rem monospace}" +
        "pre{overflow-x:auto;padding:0.5rem;margin:0.25rem 0}pre.src{background:#f0f2f5;border-left:3px solid #3b7ddd}" +
        "pre.out{background:#fff}pre.stderr{background:#fff3f3}pre.error{background:#fde2e2;color:#900}" +
        "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:0.25rem 0.5rem}.Failed,.TimedOut,.Crashed,.Invalid{color:#b00}.Ok{color:#070}";
}
