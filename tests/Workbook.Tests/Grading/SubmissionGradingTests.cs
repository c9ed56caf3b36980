using System.Text.Json;
using Workbook.Grading;
using Xunit.Abstractions;

namespace Workbook.Tests.Grading;

/// <summary><c>workbook grade</c> on hostile and broken submissions (see <see cref="GradedFolder"/>): each costs only
/// the exercise it breaks, within the cell timeout plus a bounded margin, and the JSON, gradebook and feedback pages
/// follow their schema.</summary>
[Collection("Notebook runs")]
public sealed class SubmissionGradingTests(GradedFolder run, ITestOutputHelper log) : IClassFixture<GradedFolder>
{
    /// <summary>Kernel starts and replays on a loaded 2-core machine: generous, but bounded.</summary>
    private const double MarginSeconds = 40;

    private JsonElement Submission(string stem)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(run.Json));
        return doc.RootElement.EnumerateArray().Single(s => Path.GetFileNameWithoutExtension(s.GetProperty("submission").GetString()) == stem).Clone();
    }

    private static JsonElement Exercise(JsonElement submission, string id) =>
        submission.GetProperty("exercises").EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);

    [Fact]
    public void GradingTheFolderSucceededWhateverTheScores()
    {
        log.WriteLine(run.Output);
        Assert.True(run.Code == 0, run.Errors + run.Output);
        Assert.Equal(GradedFolder.Cases.Length, run.Seconds.Count);
        log.WriteLine($"{GradedFolder.Cases.Length} submissions in {run.Elapsed.TotalSeconds:0.0} s");
    }

    [Theory]
    //          case                       05.1 status  05.1  05.2 status  05.2   message of the one that lost its points
    [InlineData("released",                "failed",    0, "failed",    0, "Exercise 05.1 (scaled dot-product attention): ScaledDotProductAttention is not implemented yet")]
    [InlineData("o\"brien, solved 05.2",   "failed",    0, "passed",    2, "is not implemented yet")]
    [InlineData("loop",                    "timeout",   0, "passed",    2, "ran longer than 10 s and was stopped")]
    [InlineData("overflow",                "crashed",   0, "passed",    2, "stack overflow")]
    [InlineData("compile-error",           "error",     0, "passed",    2, "error CS0029")]
    [InlineData("throws",                  "failed",    0, "passed",    2, "ScaledDotProductAttention threw InvalidOperationException: my bug")]
    [InlineData("exit-in-function",        "crashed",   0, "passed",    2, "Environment.Exit")]
    [InlineData("exit-at-top",             "crashed",   0, "passed",    2, "your cell 'ex05_1_sdpa' ended the kernel process: the code called Environment.Exit")]
    [InlineData("tampered",                "failed",    0, "passed",    2, "is not implemented yet")]
    [InlineData("assert-true",             "failed",    0, "failed",    0, "is not implemented yet")]
    [InlineData("reordered-and-deleted",   "passed",    3, "passed",    2, "")]
    [InlineData("redefined-check",         "refused",   0, "passed",    2, "declares 'Check', a name the test or setup cells rely on")]
    public void EachCaseCostsOnlyWhatItBreaks(string stem, string status1, double points1, string status2, double points2, string message)
    {
        var s = Submission(stem);
        var (sdpa, causal) = (Exercise(s, "ex05_1_sdpa_tests"), Exercise(s, "ex05_2_causal_mask_tests"));
        log.WriteLine($"{stem}: {sdpa.GetProperty("message").GetString()} | {causal.GetProperty("message").GetString()} | {run.Seconds[stem]:0.0} s");
        Assert.Equal((status1, points1), (sdpa.GetProperty("status").GetString(), sdpa.GetProperty("points").GetDouble()));
        Assert.Equal((status2, points2), (causal.GetProperty("status").GetString(), causal.GetProperty("points").GetDouble()));
        Assert.Equal(points1 + points2, s.GetProperty("total").GetDouble());
        Assert.Contains(message, (points1 == 0 ? sdpa : causal).GetProperty("message").GetString());
        if (stem == "assert-true") Assert.Contains("Exercise 05.2 (the causal mask)", causal.GetProperty("message").GetString());
        var timeouts = stem == "loop" ? 1 : 0;
        Assert.True(run.Seconds[stem] < timeouts * GradedFolder.TimeoutSeconds + MarginSeconds, $"{stem} took {run.Seconds[stem]:0.0} s");
        if (stem == "loop") Assert.True(run.Seconds[stem] >= GradedFolder.TimeoutSeconds, "the loop was stopped before its timeout?");
    }

    [Fact]
    public void TheJsonFollowsTheSchema()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(run.Json));
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        Assert.Equal(GradedFolder.Cases.Length, doc.RootElement.GetArrayLength());
        string[] statuses = ["passed", "failed", "error", "timeout", "crashed", "refused"];
        foreach (var s in doc.RootElement.EnumerateArray())
        {
            Assert.Equal(["submission", "total", "max", "exercises"], s.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.String, s.GetProperty("submission").ValueKind);
            Assert.Equal(5, s.GetProperty("max").GetDouble());
            var exercises = s.GetProperty("exercises").EnumerateArray().ToList();
            Assert.Equal(["ex05_1_sdpa_tests", "ex05_2_causal_mask_tests"], exercises.Select(e => e.GetProperty("id").GetString()));
            foreach (var e in exercises)
            {
                Assert.Equal(["id", "points", "max", "status", "message"], e.EnumerateObject().Select(p => p.Name));
                Assert.Equal(JsonValueKind.Number, e.GetProperty("points").ValueKind);
                Assert.Equal(JsonValueKind.Number, e.GetProperty("max").ValueKind);
                Assert.Contains(e.GetProperty("status").GetString(), statuses);
                var message = e.GetProperty("message").GetString()!;
                var points = e.GetProperty("points").GetDouble();
                Assert.True(points == 0 || points == e.GetProperty("max").GetDouble(), "full points or 0");
                Assert.Equal(points > 0, e.GetProperty("status").GetString() == "passed");
                Assert.Equal(points > 0, message.Length == 0);
                Assert.DoesNotContain("Submission#", message);
                Assert.DoesNotContain("graded-", message);   // the token never leaks
            }
            Assert.Equal(exercises.Sum(e => e.GetProperty("points").GetDouble()), s.GetProperty("total").GetDouble());
        }
    }

    [Fact]
    public void TheGradebookHasAHeaderAndOneQuotedRowPerSubmission()
    {
        var text = File.ReadAllText(run.Csv);
        Assert.EndsWith("\r\n", text);
        var rows = text.Split("\r\n")[..^1];
        Assert.Equal("submission,source,ex05_1_sdpa_tests,ex05_2_causal_mask_tests,total,max", rows[0]);
        Assert.Equal(GradedFolder.Cases.Length + 1, rows.Length);
        var quoted = rows.Single(r => r.Contains("brien"));
        var path = Path.Combine(run.Submissions, "o\"brien, solved 05.2.ipynb");
        Assert.Equal($"\"{path.Replace("\"", "\"\"")}\",05-self-attention.ipynb,0,2,2,5", quoted);
        Assert.Contains(rows, r => r.EndsWith("reordered-and-deleted.ipynb,05-self-attention.ipynb,3,2,5,5"));
    }

    [Fact]
    public void EachFeedbackPageShowsTheCodeEachResultAndItsMessageOffline()
    {
        Assert.Equal(GradedFolder.Cases.Select(c => c + ".html").Order(StringComparer.Ordinal),
            Directory.GetFiles(run.Feedback).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var page = File.ReadAllText(Path.Combine(run.Feedback, "throws.html"));
        Assert.Contains("throw new InvalidOperationException(&quot;my bug&quot;);", page);   // the student's code
        Assert.Contains("✘ <strong>ex05_1_sdpa_tests</strong>: failed, 0 / 3 points.", page);
        Assert.Contains("ScaledDotProductAttention threw InvalidOperationException: my bug", page);
        Assert.Contains("✔ <strong>ex05_2_causal_mask_tests</strong>: passed, 2 / 2 points.", page);
        Assert.Contains("<strong>2 / 5</strong> points", page);
        Assert.DoesNotContain("BEGIN HIDDEN TESTS", page);
        Assert.DoesNotContain("d_k = 64, [B, T, D] without heads", page);                     // a hidden test's code
        Assert.Contains("(grading also ran hidden tests here)", page);
        Assert.DoesNotContain("src=\"http", page);
        Assert.DoesNotContain("graded-", page);
        var tampered = File.ReadAllText(Path.Combine(run.Feedback, "tampered.html"));
        Assert.Contains("was edited; the source&#39;s version was run instead.", tampered);
    }
}
