using System.CommandLine;
using Workbook.Cli;
using Workbook.Grading;
using Workbook.Notebooks;

namespace Workbook.Commands;

/// <summary><c>workbook grade</c>: autogrades submissions against their sources (see <see cref="SubmissionGrader"/>).</summary>
public sealed class GradeCommand : IVerb
{
    public string Name => "grade";
    public string Summary => "autograde submitted exercise notebooks: points, feedback pages, a gradebook CSV";
    public string Usage => """
        usage: workbook grade SUBMISSION... --source DIR [--json FILE] [--feedback DIR] [--gradebook FILE.csv] [--timeout SECONDS]

        SUBMISSION  a student's notebook, or a folder (every .ipynb in it is graded)
        --source DIR      the exercise sources; a submission is matched by file name, else by its grade_ids
        --json FILE       write [{"submission","total","max","exercises":[{"id","points","max","status","message"}]}]
        --feedback DIR    write DIR/<submission>.html: an offline page with the code, each test's result and message
        --gradebook FILE  write a CSV (RFC 4180): one row per submission, one column per exercise, total, max
        --timeout SECONDS time limit of each solution and test cell (default 60; locked setup cells get at least
                          60 s); a cell over it costs its exercise, grading goes on in a fresh kernel
        Each submission runs in its own kernel process with the source's test and locked cells. Exit code 0
        whenever grading succeeded, whatever the scores; 1 for bad input (a file that is not a notebook, ...).
        """;

    private readonly Argument<string[]> paths = new("SUBMISSION") { Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string?> sourceDir = Opt.Text("--source", "DIR");
    private readonly Option<string?> json = Opt.Text("--json", "FILE");
    private readonly Option<string?> feedback = Opt.Text("--feedback", "DIR");
    private readonly Option<string?> gradebook = Opt.Text("--gradebook", "FILE.csv");
    private readonly Option<double?> timeoutSeconds = Opt.Number("--timeout");
    public IEnumerable<Symbol> Symbols => [paths, sourceDir, json, feedback, gradebook, timeoutSeconds];

    public async Task<int> RunAsync(ParseResult args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var sourcePath = args.GetValue(sourceDir) ?? throw new UsageException("--source DIR is required (the exercise source notebooks).");
        var seconds = args.GetValue(timeoutSeconds) ?? SubmissionGrader.DefaultTimeout.TotalSeconds;
        if (seconds <= 0) throw new UsageException("--timeout must be positive (seconds).");
        var submissions = NotebookPaths.Expand(args.GetValue(paths)!);
        var sources = SourceNotebook.LoadFolder(sourcePath);
        var work = submissions.Select(path => (Path: path, Notebook: LoadSubmission(path))).ToList();   // every input checked before any kernel starts
        var matched = work.Select(w => (w.Path, w.Notebook, Source: SourceNotebook.For(w.Notebook, w.Path, sources))).ToList();

        var results = new List<SubmissionResult>();
        foreach (var (path, notebook, source) in matched)
        {
            if (cancel.IsCancellationRequested) break;
            stdout.Write($"{path} ({Path.GetFileName(source.Path)}) ");
            var result = await SubmissionGrader.GradeAsync(source, path, notebook, TimeSpan.FromSeconds(seconds), stdout, cancel);
            results.Add(result);
            stdout.WriteLine($" {result.Total:0.###}/{result.Max:0.###} in {result.Elapsed.TotalSeconds:0.0} s");
            foreach (var e in result.Exercises)
                stdout.WriteLine($"  {e.Id,-32} {e.Points,3:0.###}/{e.Max:0.###}  {e.StatusName}{(e.Message.Length > 0 ? ": " + FirstLine(e.Message) : "")}");
            if (args.GetValue(feedback) is { } dir)
            {
                Directory.CreateDirectory(dir);
                File.WriteAllText(Path.Combine(dir, FeedbackName(path, matched.Select(m => m.Path))), FeedbackPage.ToHtml(result));
            }
        }
        if (args.GetValue(json) is { } jsonPath) Write(jsonPath, ResultJson.Write(results));
        if (args.GetValue(gradebook) is { } csvPath) Write(csvPath, Gradebook.Write(results));
        if (cancel.IsCancellationRequested) { stderr.WriteLine("workbook grade: cancelled."); return 130; }
        stdout.WriteLine($"{results.Count} submission(s) graded.");
        return 0;
    }

    private static Notebook LoadSubmission(string path)
    {
        try { return Notebook.Load(path); }
        catch (NotebookFormatException e) { throw new GradingException($"{e.Message.TrimEnd('.')} (submission).", e); }
    }

    /// <summary>"alice.html"; when two submissions share a file name (alice/05.ipynb, bob/05.ipynb), their folder is prefixed.</summary>
    private static string FeedbackName(string path, IEnumerable<string> all)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var clash = all.Count(p => Path.GetFileNameWithoutExtension(p) == name) > 1;
        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)));
        return (clash && !string.IsNullOrEmpty(folder) ? folder + "-" : "") + name + ".html";
    }

    private static void Write(string path, string text)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path, text);
    }

    private static string FirstLine(string text) => text.Replace("\r\n", "\n").Split('\n')[0];
}
