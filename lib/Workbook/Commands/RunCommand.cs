using System.CommandLine;
using Workbook.Cli;
using Workbook.Html;
using Workbook.Kernel;

namespace Workbook.Commands;

/// <summary><c>workbook run</c>: executes notebooks headlessly like the Polyglot C# kernel, optionally writing the
/// executed notebooks, one offline HTML page per notebook and an index page.</summary>
public sealed class RunCommand : IVerb
{
    public string Name => "run";
    public string Summary => "execute C# notebooks (a file or a folder) and save outputs + HTML";
    public string Usage => """
        usage: workbook run PATH... [--out DIR] [--param NAME=VALUE]... [--timeout SECONDS] [--allow-errors]

        PATH        a .ipynb notebook, or a folder (its notebooks run in name order)
        --out DIR   write DIR/<name>.ipynb (executed, metadata kept), DIR/<name>.html (offline) and DIR/index.html
        --param     override a variable of the cell tagged `parameters` (papermill convention); repeatable
        --timeout   stop any cell that runs longer than SECONDS (default: no limit)
        --allow-errors  a failing cell's error is recorded and the notebook goes on (nbconvert's convention);
                    the summary still counts failed cells; a timeout or crash still stops the notebook
        Exit code 0 only when every notebook ran without error (errors allowed by --allow-errors excepted).
        """;

    private readonly Argument<string[]> paths = new("PATH") { Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string?> output = Opt.Text("--out", "DIR");
    private readonly Option<string[]> param = Opt.Many("--param", "NAME=VALUE");
    private readonly Option<double?> timeoutSeconds = Opt.Number("--timeout");
    private readonly Option<bool> allowErrorsFlag = Opt.Flag("--allow-errors");
    public IEnumerable<Symbol> Symbols => [paths, output, param, timeoutSeconds, allowErrorsFlag];

    public async Task<int> RunAsync(ParseResult args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var outDir = args.GetValue(output);
        var timeout = args.GetValue(timeoutSeconds) ?? 0;
        if (timeout < 0) throw new UsageException("--timeout must be positive (seconds).");
        var parameters = (args.GetValue(param) ?? []).Select(ParseParameter).ToList();
        var allowErrors = args.GetValue(allowErrorsFlag);
        var notebooks = NotebookPaths.Expand(args.GetValue(paths)!);
        var options = new RunOptions(timeout > 0 ? TimeSpan.FromSeconds(timeout) : null, parameters, allowErrors);

        var results = new List<NotebookRunResult>();
        foreach (var path in notebooks)
        {
            if (cancel.IsCancellationRequested) { stderr.WriteLine("workbook run: cancelled."); break; }
            NotebookRunResult result;
            try { result = await NotebookRunner.RunAsync(path, options, stdout, stderr, cancel); }
            catch (OperationCanceledException)
            {
                stderr.WriteLine($"{path}: cancelled.");
                result = new NotebookRunResult(path, NotebookRunStatus.Failed, 0, 0, TimeSpan.Zero, "cancelled", null);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException)
            {
                stderr.WriteLine($"{path}: {e.Message}");
                result = new NotebookRunResult(path, NotebookRunStatus.Crashed, 0, 0, TimeSpan.Zero, e.Message, null);
            }
            results.Add(result);
            if (outDir is not null && result.Notebook is not null) Write(outDir, result);
        }
        if (outDir is not null) WriteIndex(outDir, results);
        if (results.Count > 0) PrintSummary(stdout, results);
        return results.Count == notebooks.Count && results.All(r => r.Status == NotebookRunStatus.Ok) ? 0 : 1;
    }

    private static KeyValuePair<string, string> ParseParameter(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0) throw new UsageException($"--param expects NAME=VALUE, got '{text}'.");
        return new(text[..eq].Trim(), text[(eq + 1)..]);
    }

    private static void Write(string outDir, NotebookRunResult result)
    {
        Directory.CreateDirectory(outDir);
        var stem = Path.GetFileNameWithoutExtension(result.Path);
        result.Notebook!.Save(Path.Combine(outDir, stem + ".ipynb"));
        File.WriteAllText(Path.Combine(outDir, stem + ".html"), HtmlExporter.ToHtml(result.Notebook, stem));
    }

    private static void WriteIndex(string outDir, IEnumerable<NotebookRunResult> results)
    {
        Directory.CreateDirectory(outDir);
        var rows = results.Select(r => (r.Notebook?.Title ?? Path.GetFileNameWithoutExtension(r.Path),
            r.Notebook is null ? null : Path.GetFileNameWithoutExtension(r.Path) + ".html", r.Status.ToString(), r.Elapsed));
        var folders = results.Select(r => Path.GetDirectoryName(Path.GetFullPath(r.Path))).Distinct().ToList();
        var readme = folders.Count == 1 ? Path.Combine(folders[0]!, "README.md") : null;   // the course map, for a folder of notebooks
        File.WriteAllText(Path.Combine(outDir, "index.html"), HtmlExporter.Index(rows, readme is not null && File.Exists(readme) ? File.ReadAllText(readme) : null));
    }

    private static void PrintSummary(TextWriter stdout, IReadOnlyList<NotebookRunResult> results)
    {
        var width = Math.Max(8, results.Max(r => r.Path.Length));
        stdout.WriteLine();
        stdout.WriteLine($"{"notebook".PadRight(width)}  {"status",-9} {"cells",7} {"time",9}  failed cells");
        foreach (var r in results)
            stdout.WriteLine($"{r.Path.PadRight(width)}  {r.Status,-9} {$"{r.CellsRun}/{r.CodeCells}",7} {r.Elapsed.TotalSeconds,7:0.0} s  {r.FailedCells}");
        var ok = results.Count(r => r.Status == NotebookRunStatus.Ok);
        stdout.WriteLine($"{ok} of {results.Count} notebook(s) ran without error.");
    }
}
