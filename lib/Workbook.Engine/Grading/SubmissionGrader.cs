using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Workbook.Kernel;
using Workbook.Notebooks;

namespace Workbook.Grading;

/// <summary>Grades one submission in its own kernel child process (the engine's <see cref="KernelProcess"/>, through a
/// <see cref="ReplayingKernel"/>): the notebook <see cref="CellRestorer"/> assembles runs cell by cell in the source's
/// folder; each solution cell first passes <see cref="NameGuard"/>; each graded cell scores full points only when it ran
/// to its end, which it proves by printing, last and straight to the process's stdout, a token drawn for this grading
/// (so a swallowed exception, a redirected Console or an <c>Environment.Exit(0)</c> cannot fake a pass). A graded cell
/// whose solution cells failed is not run and scores 0 with their error. A timeout or a dead kernel costs the
/// exercise it happened in; the next cell runs in a fresh kernel that replays what succeeded before.</summary>
public static class SubmissionGrader
{
    /// <summary>The default per-cell time limit of <c>workbook grade</c>.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(60);

    public static async Task<SubmissionResult> GradeAsync(SourceNotebook source, string path, Notebook submission, TimeSpan cellTimeout,
        TextWriter? progress, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var (graded, restoreNotes) = CellRestorer.Restore(source, submission);
        var notes = new List<string>(restoreNotes);
        var guard = NameGuard.For(source);
        var token = "graded-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var exercises = new List<ExerciseResult>();
        var pending = new List<(string Id, CellResult? Result, ExerciseStatus Status, string Message)>();   // solution cells since the last graded cell
        int count = 0;
        await using var kernel = new ReplayingKernel(source.Directory);
        var lockedTimeout = cellTimeout > DefaultTimeout ? cellTimeout : DefaultTimeout;   // the instructor's cells (setup: the first #r compile) are not cut short by a tight limit
        foreach (var cell in graded.Cells)
        {
            if (!cell.IsCode || string.IsNullOrWhiteSpace(cell.Source)) continue;
            var id = Nbgrader.GradeId(cell) ?? "";
            switch (Nbgrader.Role(cell))
            {
                case CellRole.Solution:
                    if (guard.Refusal(cell.Source) is { } refusal)
                    {
                        SetOutputs(cell, [KernelProtocol.Error(refusal)], ++count);
                        pending.Add((id, null, ExerciseStatus.Refused, $"your cell '{id}' was not run: {refusal}"));
                        break;
                    }
                    var solution = await kernel.RunAsync(cell.Source, cellTimeout, keep: true, cancel);
                    SetOutputs(cell, solution.Outputs, ++count);
                    if (solution.Status != CellStatus.Ok) pending.Add((id, solution, Failure(solution, isTest: false), $"your cell '{id}' {Describe(solution, cellTimeout)}"));
                    break;
                case CellRole.Graded:
                    var points = Nbgrader.Points(cell);
                    var broken = pending.FirstOrDefault(p => p.Result is null || p.Result.Status != CellStatus.Ok);
                    pending.Clear();
                    if (broken.Id is not null)
                    {
                        exercises.Add(new ExerciseResult(id, 0, points, broken.Status, broken.Message.TrimEnd('.') + "; so its test was not run."));
                        cell.ClearOutputs();
                        break;
                    }
                    var test = await kernel.RunAsync(cell.Source + Mark(token), cellTimeout, keep: false, cancel);
                    var (outputs, marked) = WithoutMark(test.Outputs, token);
                    SetOutputs(cell, outputs, ++count);
                    exercises.Add(test.Status == CellStatus.Ok && marked
                        ? new ExerciseResult(id, points, points, ExerciseStatus.Passed, "")
                        : new ExerciseResult(id, 0, points, test.Status == CellStatus.Ok ? ExerciseStatus.Failed : Failure(test, isTest: true),
                            test.Status == CellStatus.Ok ? "the test cell did not run to its end (its last statement never printed)." : $"the test {Describe(test, cellTimeout)}"));
                    break;
                default:
                    var setup = await kernel.RunAsync(cell.Source, lockedTimeout, keep: true, cancel);
                    SetOutputs(cell, setup.Outputs, ++count);
                    if (setup.Status != CellStatus.Ok) notes.Add($"The locked cell '{id}' {Describe(setup, lockedTimeout)}");
                    break;
            }
            progress?.Write('.');
        }
        if (kernel.Restarts > 0) notes.Add($"The kernel was restarted {kernel.Restarts} time(s) after a timeout or crash; the cells that had succeeded were replayed.");
        notes.AddRange(kernel.ReplayProblems);
        return new SubmissionResult(path, source.Path, exercises, notes, graded, clock.Elapsed);
    }

    /// <summary>The statement appended to a graded cell: writes the token straight to fd 1 (not through Console.Out,
    /// which student code may have replaced); the parent sees it as the cell's stdout. The leading ';' ends a last
    /// expression without one.</summary>
    private static string Mark(string token) =>
        $"\n;{{ using var __gradeOut = System.Console.OpenStandardOutput(); __gradeOut.Write(System.Text.Encoding.UTF8.GetBytes(\"{token}\\n\")); __gradeOut.Flush(); }}\n";

    private static (List<JsonObject> Outputs, bool Marked) WithoutMark(IReadOnlyList<JsonObject> outputs, string token)
    {
        bool marked = false;
        var kept = new List<JsonObject>();
        foreach (var output in outputs)
        {
            if (output["output_type"]?.GetValue<string>() == "stream" && output["name"]?.GetValue<string>() == "stdout")
            {
                var text = NotebookJson.JoinLines(output["text"]);
                if (text.Contains(token, StringComparison.Ordinal))
                {
                    marked = true;
                    text = string.Concat(text.Split('\n').Where(l => !l.Contains(token, StringComparison.Ordinal)).Select(l => l + "\n")).TrimEnd('\n');
                    if (text.Length == 0) continue;
                    output["text"] = NotebookJson.ToLines(text + "\n");
                }
            }
            kept.Add(output);
        }
        return (kept, marked);
    }

    private static void SetOutputs(NotebookCell cell, IEnumerable<JsonObject> outputs, int count)
    {
        cell.Outputs.Clear();
        foreach (var output in outputs) cell.Outputs.Add(output.DeepClone());
        cell.ExecutionCount = count;
    }

    private static ExerciseStatus Failure(CellResult result, bool isTest) => result.Status switch
    {
        CellStatus.TimedOut => ExerciseStatus.Timeout,
        CellStatus.Crashed => ExerciseStatus.Crashed,
        _ => isTest ? ExerciseStatus.Failed : ExerciseStatus.Error,
    };

    private static string Describe(CellResult result, TimeSpan timeout) => result.Status switch
    {
        CellStatus.TimedOut => $"ran longer than {timeout.TotalSeconds:0.#} s and was stopped (an endless loop?).",
        CellStatus.Crashed => "ended the kernel process: " + Crash(result.Error ?? ""),
        _ => $"failed: {Clean(result.Error ?? "")}",
    };

    /// <summary>What killed the child, in the student's terms (the engine's message ends with the child's stderr).</summary>
    private static string Crash(string error)
    {
        if (error.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase)) return "a stack overflow (endless recursion?).";
        var code = Regex.Match(error, @"exited with code (-?\d+)");
        if (code.Success && code.Groups[1].Value == "0") return "the code called Environment.Exit (exit code 0).";
        return (code.Success ? $"exit code {code.Groups[1].Value}" : "the process died") + " (Environment.Exit or a native crash).";
    }

    /// <summary>The message without its stack frames and script class names: "Submission#2+ExerciseFailed: Exercise 05.1 …"
    /// → "Exercise 05.1 …"; compiler errors are kept whole.</summary>
    private static string Clean(string error)
    {
        var lines = error.Replace("\r\n", "\n").Split('\n').TakeWhile(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        return Regex.Replace(string.Join("\n", lines).Trim(), @"^Submission#\d+\+ExerciseFailed: |Submission#\d+\+", "");
    }
}
