using System.Net;
using System.Text;
using Seq2Seq.Plots;
using Workbook.Html;

namespace Workbook.Evaluation;

/// <summary>An offline HTML page with one cross-attention heatmap per translated sentence
/// (<see cref="AttentionHeatmap"/>, drawn by the plotly.js that Plotly.NET ships, inlined once: no CDN).</summary>
public static class AttentionPage
{
    /// <summary>One translated sentence and its attention [T, S] (rows = output subwords, columns = source subwords).</summary>
    public sealed record Sentence(string Source, string Translation, float[,] Weights, IReadOnlyList<string> SourceTokens,
        IReadOnlyList<string> OutputTokens);

    /// <summary>What the maps show, printed under the page title.</summary>
    public const string Description = "Cross-attention of the last decoder layer, averaged over its heads: row t is how the decoder " +
        "spread its attention over the source subwords (columns) while producing output subword t, for the translation printed " +
        "above the map (the output fed back teacher-forced). Rows sum to 1.";

    public static string Html(IReadOnlyList<Sentence> sentences, string modelName)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<title>Cross-attention: ").Append(WebUtility.HtmlEncode(modelName)).Append("</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}section{margin-bottom:2em}")
            .Append(".src{color:#555}</style>\n")
            .Append("<script>").Append(PlotlyJs.Script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("</script>\n")
            .Append("</head>\n<body>\n<h1>Cross-attention: ").Append(WebUtility.HtmlEncode(modelName)).Append("</h1>\n<p>")
            .Append(WebUtility.HtmlEncode(Description)).Append("</p>\n");
        for (int i = 0; i < sentences.Count; i++)
        {
            var s = sentences[i];
            var chart = AttentionHeatmap.Create(s.Weights, s.SourceTokens, s.OutputTokens);
            page.Append("<section class=\"sentence\">\n<h2>Sentence ").Append(i + 1).Append("</h2>\n<p class=\"src\">")
                .Append(WebUtility.HtmlEncode(s.Source)).Append("</p>\n<p class=\"hyp\">→ ").Append(WebUtility.HtmlEncode(s.Translation))
                .Append("</p>\n").Append(ChartExport.ToHtmlFragment(chart)).Append("\n</section>\n");
        }
        return page.Append("</body>\n</html>\n").ToString();
    }
}
