using System.Diagnostics;
using Workbook.Notebooks;

namespace Workbook.Kernel;

/// <summary>Executes one notebook top to bottom in a fresh kernel process: markdown passes through, code cells run in
/// order with execution counts 1, 2, ...; the first failing cell stops the notebook (later cells are cleared), unless
/// errors are allowed: then a failed cell is reported and the next one runs (a timeout or crash still stops it).
/// Progress goes to <c>progress</c> (one line per cell), the failure summary to <c>errors</c>.</summary>
public static class NotebookRunner
{
    public static async Task<NotebookRunResult> RunAsync(string path, RunOptions options, TextWriter progress, TextWriter errors, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        Notebook notebook;
        try { notebook = Notebook.Load(path); }
        catch (NotebookFormatException e)
        {
            errors.WriteLine($"{e.Message}");
            return new NotebookRunResult(path, NotebookRunStatus.Invalid, 0, 0, clock.Elapsed, e.Message, null);
        }
        CellIds.Ensure(notebook);   // the executed copy validates even when the source predates ids
        foreach (var name in ParameterInjector.Inject(notebook, options.Parameters))
            errors.WriteLine($"{path}: warning: parameter '{name}' is not declared in a cell tagged 'parameters'.");

        var codeCells = notebook.Cells.Count(c => c.IsCode && !string.IsNullOrWhiteSpace(c.Source));
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        progress.WriteLine($"{path}: {codeCells} code cell(s)");
        int run = 0, count = 0, failed = 0;
        string? failure = null;
        var status = NotebookRunStatus.Ok;
        await using var kernel = await KernelProcess.StartAsync(directory, cancel);
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (!cell.IsCode) continue;
            if (status != NotebookRunStatus.Ok || string.IsNullOrWhiteSpace(cell.Source)) { cell.ClearOutputs(); continue; }
            var result = await RunCellAsync(kernel, notebook, cell, options.CellTimeout, cancel);
            cell.Outputs.Clear();
            foreach (var output in result.Outputs) cell.Outputs.Add(output);
            cell.ExecutionCount = ++count;
            run++;
            progress.WriteLine($"  [{run}/{codeCells}] cell {i + 1,-3} {Describe(result.Status),-9} {result.Elapsed.TotalSeconds,7:0.00} s");
            if (result.Status == CellStatus.Ok) continue;
            failed++;
            if (options.AllowErrors && result.Status == CellStatus.Failed)
            {
                errors.WriteLine($"{path}: cell {i + 1} failed (allowed, going on):");
                errors.WriteLine(Indent(Summarize(result.Error ?? "")));
                continue;
            }
            status = result.Status switch
            {
                CellStatus.TimedOut => NotebookRunStatus.TimedOut,
                CellStatus.Crashed => NotebookRunStatus.Crashed,
                _ => NotebookRunStatus.Failed,
            };
            failure = $"cell {i + 1}: {result.Error}";
            errors.WriteLine($"{path}: cell {i + 1} {Describe(result.Status)}:");
            errors.WriteLine(Indent(Summarize(result.Error ?? "")));
        }
        return new NotebookRunResult(path, status, run, codeCells, clock.Elapsed, failure, notebook, failed);
    }

    private static Task<CellResult> RunCellAsync(KernelProcess kernel, Notebook notebook, NotebookCell cell, TimeSpan? timeout, CancellationToken cancel)
    {
        var name = cell.KernelName ?? notebook.DefaultKernelName ?? "csharp";
        return kernel.RunAsync(cell.Source, name, timeout, cancel);
    }

    private static string Describe(CellStatus status) => status switch
    {
        CellStatus.Ok => "ok",
        CellStatus.TimedOut => "timed out",
        CellStatus.Crashed => "crashed",
        _ => "failed",
    };

    /// <summary>Compiler messages are kept whole; a runtime exception keeps its message line and the frames that
    /// point into the notebook's cells (Submission#N ... line L), not the whole .NET stack.</summary>
    public static string Summarize(string error)
    {
        var lines = error.Replace("\r\n", "\n").Split('\n');
        if (!lines.Any(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal))) return error;
        var kept = lines.TakeWhile(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal)).ToList();
        kept.AddRange(lines.Where(l => l.Contains("Submission#", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().Take(5));
        return string.Join("\n", kept);
    }

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(l => "    " + l));
}
