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
    public void IndexPageCarriesTheCourseMapWithALinkToEveryLessonsPage()
    {
        var index = File.ReadAllText(Path.Combine(course.OutDir, "index.html"));
        Assert.Matches("<h2[^>]*>Course map</h2>", index);                      // notebooks/README.md, rendered
        Assert.Contains("внимание", index);                                     // the lecture's terms, for its students
        foreach (var stem in course.Stems)
        {
            Assert.Contains($"href=\"{stem}.html\"", index);                    // the map's and the run table's links
            Assert.DoesNotContain($"href=\"{stem}.ipynb\"", index);
        }
        Assert.Matches(@"<tfoot><tr><td>Total</td><td></td><td>\d+\.\d s</td>", index);   // each lesson's time and the total
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
