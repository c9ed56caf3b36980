using Workbook.Notebooks;

namespace Workbook.Tests.Course;

/// <summary>The course as a whole: the main job succeeds, every lesson passes `workbook check`, and the run's
/// summary gives each notebook's time (BENCHMARKS.md records them).</summary>
[Collection(CourseCollection.Name)]
public sealed class CourseTests(CourseRun course)
{
    [Fact]
    public void MainJobRunsEveryNotebookWithoutError()
    {
        Assert.True(course.ExitCode == 0, $"workbook run notebooks failed:\n{course.Errors}\n{course.Output}");
        foreach (var stem in course.Stems)
        {
            Assert.True(course.Notebook(stem).RanCleanly, $"{stem} has a failed or unexecuted cell");
            Assert.Matches($@"{stem}\.ipynb\s+Ok\s+\d+/\d+\s+\d+\.\d s", course.Output);   // the per-notebook time line
        }
        Assert.True(File.Exists(Path.Combine(course.OutDir, "index.html")));
    }

    [Fact]
    public async Task CommittedAndExecutedNotebooksPassJupytersValidator()
    {
        var committed = Directory.GetFiles(course.NotebooksDir, "*.ipynb");
        var executed = course.Stems.Select(s => Path.Combine(course.OutDir, s + ".ipynb")).Where(File.Exists);
        var problems = await JupyterValidator.Problems(committed.Concat(executed));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(course.Stems.Count, executed.Count());
    }

    [Fact]
    public void EveryCourseNotebookPassesCheck()
    {
        foreach (var path in Directory.GetFiles(course.NotebooksDir, "*.ipynb"))
        {
            var issues = NotebookChecker.Check(path);
            Assert.True(issues.Count == 0, string.Join("\n", issues));
        }
    }
}
