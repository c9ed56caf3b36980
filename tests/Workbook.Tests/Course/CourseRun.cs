using System.Diagnostics;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Course;

/// <summary>The README's main job, run once for all course tests: <c>workbook run notebooks --out DIR</c> in the
/// quick profile (the default of every notebook's <c>parameters</c> cell). Content tests then read the executed
/// notebooks and their HTML pages. For work on one lesson, <c>COURSE_NOTEBOOKS=02,03</c> (stem prefixes) runs only
/// those notebooks; the tests of the others then fail with a message saying they were not run. The same notebooks go
/// through Jupyter's nbconvert beside it (<see cref="ThroughJupyter"/>).</summary>
public sealed class CourseRun : IAsyncLifetime
{
    public const string FilterVariable = "COURSE_NOTEBOOKS";
    private readonly Dictionary<string, ExecutedNotebook> executed = new(StringComparer.Ordinal);

    public string OutDir { get; } = TestFiles.TempDir("course");
    public string NotebooksDir { get; } = Path.Combine(TestFiles.RepoRoot, "notebooks");
    public int ExitCode { get; private set; }
    public string Output { get; private set; } = "";
    public string Errors { get; private set; } = "";
    public TimeSpan Elapsed { get; private set; }
    /// <summary>Stems of the notebooks this run executed, in course order.</summary>
    public IReadOnlyList<string> Stems { get; private set; } = [];
    /// <summary>True when <see cref="FilterVariable"/> restricted the run (then the whole-course tests are skipped).</summary>
    public bool Filtered { get; private set; }
    /// <summary>The same notebooks through <c>jupyter nbconvert --execute</c>, started beside this run; awaited by the
    /// test that compares the two.</summary>
    internal Task<CourseJupyterRun> ThroughJupyter { get; private set; } = Task.FromException<CourseJupyterRun>(new InvalidOperationException("the course run has not started"));

    public async Task InitializeAsync()
    {
        var all = Directory.GetFiles(NotebooksDir, "*.ipynb").OrderBy(p => p, StringComparer.Ordinal).ToList();
        var filter = Environment.GetEnvironmentVariable(FilterVariable)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Filtered = filter is { Length: > 0 };
        var chosen = Filtered ? all.Where(p => filter!.Any(f => Path.GetFileName(p).StartsWith(f, StringComparison.Ordinal))).ToList() : all;
        Stems = chosen.Select(Path.GetFileNameWithoutExtension).ToList()!;
        ThroughJupyter = Task.Run(() => CourseJupyterRun.Run(chosen));
        var clock = Stopwatch.StartNew();
        (ExitCode, Output, Errors) = await CommandRunner.Run(["run", .. chosen, "--out", OutDir, "--timeout", "900"]);
        Elapsed = clock.Elapsed;
        WriteLog();
        foreach (var stem in Stems)
        {
            var path = Path.Combine(OutDir, stem + ".ipynb");
            if (File.Exists(path)) executed[stem] = new ExecutedNotebook(stem, path, Path.Combine(OutDir, stem + ".html"), Errors);
        }
    }

    /// <summary>Waits for the Jupyter run too (when its test was filtered out), so no kernel outlives the tests.</summary>
    public async Task DisposeAsync()
    {
        try { await ThroughJupyter; }
        catch (Exception) { }   // its failure is the comparison test's to report
    }

    /// <summary>The run's own report (each cell's and each notebook's time, errors) beside the test results, so a CI
    /// log says how long each lesson took.</summary>
    private void WriteLog()
    {
        var dir = Path.Combine(TestFiles.RepoRoot, "artifacts", "test-results");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "course-run.log"),
            $"workbook run notebooks: exit {ExitCode}, {Elapsed.TotalSeconds:0.0} s, {Stems.Count} notebook(s)\n\n{Output}\n{Errors}");
    }

    /// <summary>The executed notebook whose file name starts with <paramref name="prefix"/> (e.g. "01-").</summary>
    public ExecutedNotebook Notebook(string prefix)
    {
        var stem = Stems.FirstOrDefault(s => s.StartsWith(prefix, StringComparison.Ordinal));
        if (stem is null)
            throw new InvalidOperationException($"no notebook starting '{prefix}' was run (notebooks/: {string.Join(", ", Stems)}; {FilterVariable}={Environment.GetEnvironmentVariable(FilterVariable)})");
        if (!executed.TryGetValue(stem, out var notebook))
            throw new InvalidOperationException($"{stem} did not produce an executed notebook:\n{Errors}\n{Output}");
        return notebook;
    }
}

[CollectionDefinition(Name)]
public sealed class CourseCollection : ICollectionFixture<CourseRun>
{
    public const string Name = "Course";
}
