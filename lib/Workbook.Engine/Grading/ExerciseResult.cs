namespace Workbook.Grading;

/// <summary>How a graded cell ended. Written in JSON as the lower-case words of <see cref="ExerciseResult.StatusName"/>.</summary>
public enum ExerciseStatus
{
    /// <summary>The test cell ran to its end: full points.</summary>
    Passed,
    /// <summary>A check failed or the test cell threw (or did not compile against the student's code).</summary>
    Failed,
    /// <summary>The student's solution cell did not compile or threw, so its test did not run.</summary>
    Error,
    /// <summary>The solution or the test cell ran past the per-cell timeout.</summary>
    Timeout,
    /// <summary>The kernel process died: stack overflow, <c>Environment.Exit</c>, a native crash.</summary>
    Crashed,
    /// <summary>The solution cell was refused by <see cref="NameGuard"/>.</summary>
    Refused,
}

/// <summary>One graded cell of one submission: full points or 0, and why.</summary>
public sealed record ExerciseResult(string Id, double Points, double Max, ExerciseStatus Status, string Message)
{
    public string StatusName => Status.ToString().ToLowerInvariant();
}

/// <summary>The grade of one submission.</summary>
/// <param name="Submission">The submission's path as given.</param>
/// <param name="Source">The source notebook it was graded against.</param>
/// <param name="Exercises">Every graded cell of the source, in order.</param>
/// <param name="Notes">What the grader noticed besides the scores (restored cells, dropped cells, restarts).</param>
/// <param name="Graded">The notebook as it ran (the source's cells, the student's solutions, outputs), for the feedback page.</param>
/// <param name="Elapsed">Wall time of the grading, kernel starts included.</param>
public sealed record SubmissionResult(string Submission, string Source, IReadOnlyList<ExerciseResult> Exercises, IReadOnlyList<string> Notes,
    Notebooks.Notebook Graded, TimeSpan Elapsed)
{
    public double Total => Exercises.Sum(e => e.Points);
    public double Max => Exercises.Sum(e => e.Max);
}
