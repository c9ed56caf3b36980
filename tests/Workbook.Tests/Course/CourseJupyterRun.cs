using System.Diagnostics;
using System.Text;
using Workbook.Tests.Jupyter;

namespace Workbook.Tests.Course;

/// <summary>The course's notebooks, unchanged, through Jupyter's own tool with our kernel: <c>jupyter nbconvert --to
/// notebook --execute</c> on each, in course order, the kernel found by the name the notebook carries. It runs beside
/// <see cref="CourseRun"/> (started with it, on the core the course run leaves idle: most cells use one), so the
/// second run of the course costs little wall time.
///
/// The notebooks run byte for byte as they are, from a shadow of the repository: <c>ROOT/notebooks/</c> holds copies,
/// <c>ROOT/lib</c> links to the repository's <c>lib/</c> (their <c>#r "../lib/…"</c>), and <c>ROOT/runs/</c> is
/// their own, so 09 trains into <c>ROOT/runs/09-quick</c> and 10 decodes that model, while the course run writes
/// the repository's <c>runs/09-quick</c> at the same time.</summary>
internal sealed class CourseJupyterRun
{
    private CourseJupyterRun(string root) => Tools = new JupyterTools(root);

    public JupyterTools Tools { get; }
    public string NotebooksDir => Path.Combine(Tools.Root, "notebooks");
    public string OutDir => Path.Combine(Tools.Root, "executed");
    /// <summary>Per notebook (stem): nbconvert's exit code, its stderr, and how long it took.</summary>
    public Dictionary<string, (int Code, string Err, TimeSpan Elapsed)> Results { get; } = new(StringComparer.Ordinal);

    /// <summary>The executed copy of <paramref name="stem"/>.</summary>
    public string Executed(string stem) => Path.Combine(OutDir, stem + ".ipynb");

    /// <summary>Installs the kernelspec into a temp prefix and runs every notebook in <paramref name="notebooks"/>.</summary>
    public static async Task<CourseJupyterRun> Run(IReadOnlyList<string> notebooks)
    {
        var run = new CourseJupyterRun(TestFiles.TempDir("course-jupyter"));
        Directory.CreateDirectory(run.NotebooksDir);
        Directory.CreateSymbolicLink(Path.Combine(run.Tools.Root, "lib"), Path.Combine(TestFiles.RepoRoot, "lib"));
        await run.Tools.InstallKernelAsync();
        var clock = Stopwatch.StartNew();
        foreach (var source in notebooks)
        {
            var stem = Path.GetFileNameWithoutExtension(source);
            var copy = Path.Combine(run.NotebooksDir, Path.GetFileName(source));
            File.Copy(source, copy);
            var started = clock.Elapsed;
            var (exit, _, stderr) = await run.Tools.Run("/usr/bin/jupyter",
                ["nbconvert", "--to", "notebook", "--execute", copy, "--output-dir", run.OutDir, "--ExecutePreprocessor.timeout=900"],
                TimeSpan.FromMinutes(25));
            run.Results[stem] = (exit, stderr, clock.Elapsed - started);
        }
        run.WriteLog(clock.Elapsed);
        return run;
    }

    /// <summary>Each notebook's time beside the course run's log, so a CI log says what the second run cost.</summary>
    private void WriteLog(TimeSpan total)
    {
        var log = new StringBuilder($"jupyter nbconvert --execute, {Results.Count} notebook(s) in {total.TotalSeconds:0.0} s\n");
        foreach (var (stem, (code, _, elapsed)) in Results)
            log.AppendLine($"{stem,-40} exit {code}  {elapsed.TotalSeconds,7:0.0} s");
        var dir = Path.Combine(TestFiles.RepoRoot, "artifacts", "test-results");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "course-jupyter.log"), log.ToString());
    }
}
