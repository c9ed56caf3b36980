using System.Globalization;
using System.Net;
using System.Text;
using Workbook.Html;
using Workbook.Notebooks;

namespace Workbook.Grading;

/// <summary>The offline feedback page of one submission, written by the engine's <see cref="HtmlExporter"/>: a summary
/// table first (each exercise's points, status and message, and the grader's notes), then the notebook as it was
/// graded: the student's code with its outputs, each test cell as released (the hidden tests are not shown, their
/// failure message is) followed by its result.</summary>
public static class FeedbackPage
{
    public static string ToHtml(SubmissionResult result)
    {
        var page = Notebook.Parse(result.Graded.ToJson(), result.Graded.Path);
        var byId = result.Exercises.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var cells = new List<NotebookCell> { Markdown(Summary(result)) };
        foreach (var cell in page.Cells)
        {
            cells.Add(cell);
            if (Nbgrader.Role(cell) != CellRole.Graded) continue;
            if (Regions.HasHiddenTests(cell.Source)) cell.Source = Regions.WithoutHiddenTests(cell.Source) + "\n\n// (grading also ran hidden tests here)";
            if (Nbgrader.GradeId(cell) is { } id && byId.TryGetValue(id, out var e)) cells.Add(Markdown(Verdict(e)));
        }
        page.Cells.Clear();
        page.Cells.AddRange(cells);
        return HtmlExporter.ToHtml(page, $"Feedback: {Path.GetFileName(result.Submission)}");
    }

    private static string Summary(SubmissionResult r)
    {
        var html = new StringBuilder();
        html.Append($"<h1>Feedback: {Encode(Path.GetFileName(r.Submission))}</h1>\n");
        html.Append($"<p>Graded against <code>{Encode(Path.GetFileName(r.Source))}</code>: <strong>{Number(r.Total)} / {Number(r.Max)}</strong> points.</p>\n");
        html.Append("<table>\n<thead><tr><th>Exercise</th><th>Points</th><th>Status</th><th>Message</th></tr></thead>\n<tbody>\n");
        foreach (var e in r.Exercises)
            html.Append($"<tr><td>{Encode(e.Id)}</td><td>{Number(e.Points)} / {Number(e.Max)}</td><td class=\"{(e.Status == ExerciseStatus.Passed ? "Ok" : "Failed")}\">{e.StatusName}</td><td>{Encode(e.Message)}</td></tr>\n");
        html.Append("</tbody>\n</table>\n");
        if (r.Notes.Count > 0) html.Append("<ul>\n").Append(string.Concat(r.Notes.Select(n => $"<li>{Encode(n)}</li>\n"))).Append("</ul>\n");
        return html.ToString();
    }

    private static string Verdict(ExerciseResult e) => e.Status == ExerciseStatus.Passed
        ? $"<p class=\"verdict Ok\">✔ <strong>{Encode(e.Id)}</strong>: passed, {Number(e.Points)} / {Number(e.Max)} points.</p>\n"
        : $"<p class=\"verdict Failed\">✘ <strong>{Encode(e.Id)}</strong>: {e.StatusName}, 0 / {Number(e.Max)} points.</p>\n<pre class=\"out error\">{Encode(e.Message)}</pre>\n";

    private static NotebookCell Markdown(string html) => new(new System.Text.Json.Nodes.JsonObject
    {
        ["cell_type"] = "markdown",
        ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
        ["source"] = NotebookJson.ToLines(html),
    });

    // '$' as an entity too, so a message never starts KaTeX math.
    private static string Encode(string text) => WebUtility.HtmlEncode(text).Replace("$", "&#36;");

    private static string Number(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);
}
