namespace Workbook.Grading;

/// <summary>nbgrader's <c>validate</c> and <c>validate --invert</c> in one: a source graded as its own submission must
/// pass every graded cell (the solutions are right, hidden tests included), and its release graded against it must
/// fail every one (no test passes on the stub).</summary>
public static class Validator
{
    /// <summary>One graded cell: its points with the solutions and with the released stubs.</summary>
    public sealed record Line(string Id, ExerciseResult Solution, ExerciseResult Release)
    {
        public bool Ok => Solution.Status == ExerciseStatus.Passed && Release.Points == 0 && Release.Status != ExerciseStatus.Passed;
    }

    public static async Task<IReadOnlyList<Line>> ValidateAsync(SourceNotebook source, TimeSpan cellTimeout, TextWriter? progress, CancellationToken cancel)
    {
        var solved = await SubmissionGrader.GradeAsync(source, source.Path, source.Notebook, cellTimeout, progress, cancel);
        var released = await SubmissionGrader.GradeAsync(source, source.Path, Releaser.Release(source), cellTimeout, progress, cancel);
        return solved.Exercises.Zip(released.Exercises, (s, r) => new Line(s.Id, s, r)).ToList();
    }
}
