using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Workbook.Grading;
using Workbook.Notebooks;

namespace Workbook.Tests.Grading;

/// <summary>One <c>workbook grade</c> run, shared by <see cref="SubmissionGradingTests"/>: a folder of submissions of
/// <c>exercises/05-self-attention.ipynb</c> (05.1 scaled dot-product attention, 3 points; 05.2 the causal mask, 2),
/// each made from the release with one thing done to it, graded with a 10 s cell timeout into JSON, feedback pages
/// and a gradebook. Unless a case says otherwise, 05.2 is solved, so a case that breaks 05.1 must still get its 2 points.</summary>
public sealed partial class GradedFolder : IAsyncLifetime
{
    public const double TimeoutSeconds = 10;

    public string Dir { get; } = TestFiles.TempDir("graded");
    public string Submissions => Path.Combine(Dir, "submitted");
    public string Json => Path.Combine(Dir, "grades.json");
    public string Csv => Path.Combine(Dir, "gradebook.csv");
    public string Feedback => Path.Combine(Dir, "feedback");
    public int Code { get; private set; }
    public string Output { get; private set; } = "";
    public string Errors { get; private set; } = "";
    public TimeSpan Elapsed { get; private set; }

    /// <summary>Seconds each submission took, by file stem, as the command printed them.</summary>
    public Dictionary<string, double> Seconds { get; } = [];

    /// <summary>The file stem of each case (one has a comma and a quote, for the CSV).</summary>
    public static readonly string[] Cases =
    [
        "released", "o\"brien, solved 05.2", "loop", "overflow", "compile-error", "throws", "exit-in-function", "exit-at-top",
        "tampered", "assert-true", "reordered-and-deleted", "redefined-check",
    ];

    public async Task InitializeAsync()
    {
        var source = SourceNotebook.Load(Path.Combine(TestFiles.RepoRoot, "exercises", "05-self-attention.ipynb"));
        string Solution(string id) => source.Cell(id)!.Source;
        string sdpa = Solution("ex05_1_sdpa"), causal = Solution("ex05_2_causal_mask");
        string Broken(string first) => sdpa.Replace("// BEGIN SOLUTION", "// BEGIN SOLUTION\n    " + first);
        Directory.CreateDirectory(Submissions);
        foreach (var name in Cases)
        {
            var nb = Releaser.Release(source);
            NotebookCell Cell(string id) => nb.Cells.First(c => Nbgrader.GradeId(c) == id);
            if (name != "released") Cell("ex05_2_causal_mask").Source = causal;
            switch (name)
            {
                case "loop": Cell("ex05_1_sdpa").Source = Broken("while (q is not null) { }"); break;
                case "overflow": Cell("ex05_1_sdpa").Source = Broken("if (q is not null) return ScaledDotProductAttention(q, k, v, mask);"); break;
                case "compile-error": Cell("ex05_1_sdpa").Source = Broken("int n = \"three\";"); break;
                case "throws": Cell("ex05_1_sdpa").Source = Broken("throw new InvalidOperationException(\"my bug\");"); break;
                case "exit-in-function": Cell("ex05_1_sdpa").Source = Broken("Environment.Exit(0);"); break;
                case "exit-at-top": Cell("ex05_1_sdpa").Source = "Environment.Exit(0);"; break;
                case "tampered": Cell("ex05_1_sdpa_tests").Source += "\n// tampered"; Cell("ex05_2_causal_mask_tests").Source = "// tampered\n"; break;
                case "assert-true":
                    Cell("ex05_1_sdpa_tests").Source = "var check = new Check(\"05.1\");\ncheck.Expect(true, \"\");";
                    Cell("ex05_2_causal_mask").Source = Solution("ex05_2_causal_mask").Replace("tril()", "triu()");   // wrong, and its test replaced by an assertion of true
                    Cell("ex05_2_causal_mask_tests").Source = "System.Diagnostics.Debug.Assert(true);";
                    break;
                case "reordered-and-deleted":
                    Cell("ex05_1_sdpa").Source = sdpa;
                    nb.Cells.Remove(Cell("checks"));
                    nb.Cells.Remove(Cell("ex05_2_causal_mask_tests"));
                    var moved = Cell("ex05_2_causal_mask");
                    nb.Cells.Remove(moved);
                    nb.Cells.Insert(1, moved);
                    nb.Cells.Reverse(3, 4);
                    break;
                case "redefined-check":
                    Cell("ex05_1_sdpa").Source += "\n\npublic sealed class Check(string exercise) { public void Expect(bool ok, string message) { } public T Call<T>(string what, Func<T> f) => default!; }";
                    break;
            }
            nb.Save(Path.Combine(Submissions, name + ".ipynb"));
        }
        var clock = Stopwatch.StartNew();
        (Code, Output, Errors) = await Cli.CommandRunner.Run(["grade", Submissions, "--source", Path.Combine(TestFiles.RepoRoot, "exercises"),
            "--json", Json, "--gradebook", Csv, "--feedback", Feedback, "--timeout", TimeoutSeconds.ToString(CultureInfo.InvariantCulture)]);
        Elapsed = clock.Elapsed;
        foreach (Match m in Timing().Matches(Output))
            Seconds[Path.GetFileNameWithoutExtension(m.Groups[1].Value)] = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(\S.*?\.ipynb) \(05-self-attention\.ipynb\) \.*\s+[\d.]+/5 in ([\d.]+) s$", RegexOptions.Multiline)]
    private static partial Regex Timing();

    public Task DisposeAsync() => Task.CompletedTask;
}
