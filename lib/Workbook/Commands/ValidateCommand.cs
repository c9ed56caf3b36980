using System.CommandLine;
using Workbook.Cli;
using Workbook.Grading;

namespace Workbook.Commands;

/// <summary><c>workbook validate</c>: each source's solutions pass every graded cell and its release fails every one
/// (see <see cref="Validator"/>).</summary>
public sealed class ValidateCommand : IVerb
{
    public string Name => "validate";
    public string Summary => "check exercise sources: solutions score full marks, the release scores 0 on every graded cell";
    public string Usage => """
        usage: workbook validate SOURCE... [--timeout SECONDS]

        SOURCE     an exercise source notebook, or a folder of them
        --timeout  per-cell time limit in seconds (default 60)
        Grades each source as its own submission (every graded cell must pass, hidden tests included) and its
        release (every graded cell must fail: a test that passes on the stub is a bug); one line per exercise.
        Exit code 0 when every exercise of every source validates, 1 otherwise.
        """;

    private readonly Argument<string[]> paths = new("SOURCE") { Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<double?> timeoutSeconds = Opt.Number("--timeout");
    public IEnumerable<Symbol> Symbols => [paths, timeoutSeconds];

    public async Task<int> RunAsync(ParseResult args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var seconds = args.GetValue(timeoutSeconds) ?? SubmissionGrader.DefaultTimeout.TotalSeconds;
        if (seconds <= 0) throw new UsageException("--timeout must be positive (seconds).");
        var sources = NotebookPaths.Expand(args.GetValue(paths)!).Select(SourceNotebook.Load).ToList();
        int bad = 0;
        foreach (var source in sources)
        {
            stdout.Write($"{source.Path} ");
            var lines = await Validator.ValidateAsync(source, TimeSpan.FromSeconds(seconds), stdout, cancel);
            stdout.WriteLine();
            foreach (var line in lines)
            {
                var verdict = line.Ok ? "ok" : "INVALID";
                stdout.WriteLine($"  {line.Id,-32} solution {line.Solution.Points:0.###}/{line.Solution.Max:0.###} ({line.Solution.StatusName}), release {line.Release.Points:0.###}/{line.Release.Max:0.###} ({line.Release.StatusName})  {verdict}");
                if (line.Ok) continue;
                bad++;
                if (line.Solution.Status != ExerciseStatus.Passed) stderr.WriteLine($"{source.Path}: {line.Id}: the solution does not pass: {line.Solution.Message}");
                if (line.Release.Status == ExerciseStatus.Passed) stderr.WriteLine($"{source.Path}: {line.Id}: the test passes on the released stub.");
            }
        }
        if (cancel.IsCancellationRequested) return 130;
        stdout.WriteLine(bad == 0 ? $"{sources.Count} source(s) valid." : $"{bad} exercise(s) do not validate.");
        return bad == 0 ? 0 : 1;
    }
}
