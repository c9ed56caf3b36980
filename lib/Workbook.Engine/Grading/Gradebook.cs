using System.Globalization;
using System.Text;

namespace Workbook.Grading;

/// <summary>The gradebook CSV (RFC 4180: CRLF line ends, a field with a comma, quote or line break quoted and its
/// quotes doubled): a header <c>submission,source,&lt;grade_id&gt;...,total,max</c>, then one row per submission with
/// the points of each exercise (empty when the submission's source has no such exercise).</summary>
public static class Gradebook
{
    public static string Write(IReadOnlyList<SubmissionResult> results)
    {
        var ids = results.SelectMany(r => r.Exercises.Select(e => e.Id)).Distinct(StringComparer.Ordinal).ToList();
        var csv = new StringBuilder();
        Row(csv, ["submission", "source", .. ids, "total", "max"]);
        foreach (var r in results)
        {
            var points = r.Exercises.ToDictionary(e => e.Id, e => Number(e.Points), StringComparer.Ordinal);
            Row(csv, [r.Submission, Path.GetFileName(r.Source), .. ids.Select(id => points.GetValueOrDefault(id, "")), Number(r.Total), Number(r.Max)]);
        }
        return csv.ToString();
    }

    private static string Number(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder csv, IEnumerable<string> fields) =>
        csv.Append(string.Join(',', fields.Select(Field))).Append("\r\n");

    /// <summary>One RFC 4180 field.</summary>
    public static string Field(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
