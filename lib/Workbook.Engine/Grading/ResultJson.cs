using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbook.Grading;

/// <summary>The JSON grade of a submission, as issue 13 gives it:
/// <c>{"submission", "total", "max", "exercises": [{"id", "points", "max", "status", "message"}]}</c>; <c>id</c> is the
/// graded cell's grade_id, <c>status</c> one of passed, failed, error, timeout, crashed, refused, <c>message</c> is ""
/// when passed. <c>grade --json FILE</c> writes an array with one such object per submission.</summary>
public static class ResultJson
{
    public static JsonObject Of(SubmissionResult result) => new()
    {
        ["submission"] = result.Submission,
        ["total"] = result.Total,
        ["max"] = result.Max,
        ["exercises"] = new JsonArray(result.Exercises.Select(e => (JsonNode)new JsonObject
        {
            ["id"] = e.Id,
            ["points"] = e.Points,
            ["max"] = e.Max,
            ["status"] = e.StatusName,
            ["message"] = e.Message,
        }).ToArray()),
    };

    public static string Write(IEnumerable<SubmissionResult> results) =>
        new JsonArray(results.Select(r => (JsonNode)Of(r)).ToArray()).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
}
