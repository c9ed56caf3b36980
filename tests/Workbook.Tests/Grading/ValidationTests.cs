using Workbook.Grading;
using Xunit.Abstractions;

namespace Workbook.Tests.Grading;

/// <summary>Every exercise source validates (<see cref="Validator"/>, what <c>workbook validate</c> runs): its solutions
/// score full marks on every graded cell, hidden tests included, and its release scores 0 on every one, without
/// crashing or timing out.</summary>
[Collection("Notebook runs")]
public sealed class ValidationTests(ITestOutputHelper log)
{
    public static TheoryData<string> Sources() => Workbook.Tests.Exercises.ExerciseSourceTests.Sources();

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task EverySourceValidates(string file)
    {
        var source = SourceNotebook.Load(Path.Combine(TestFiles.RepoRoot, "exercises", file));
        var lines = await Validator.ValidateAsync(source, TimeSpan.FromSeconds(120), null, CancellationToken.None);
        Assert.Equal(source.Exercises.Select(e => e.Id), lines.Select(l => l.Id));
        foreach (var line in lines)
        {
            log.WriteLine($"{line.Id}: solution {line.Solution.Points}/{line.Solution.Max}, release {line.Release.Points} ({line.Release.StatusName}: {line.Release.Message})");
            Assert.True(line.Solution.Status == ExerciseStatus.Passed, $"{file} {line.Id}: {line.Solution.Message}");
            Assert.Equal(line.Solution.Max, line.Solution.Points);
            Assert.Equal(0, line.Release.Points);
            Assert.Equal(ExerciseStatus.Failed, line.Release.Status);   // failed by its checks: not a crash, timeout or error
            Assert.Contains("is not implemented yet", line.Release.Message);
            Assert.True(line.Ok);
        }
    }

    /// <summary><c>workbook validate</c> catches a test that passes on the stub: 05.2's test cell replaced by one that
    /// checks nothing. Exit code 1, the exercise named INVALID, the other one ok.</summary>
    [Fact]
    public async Task ValidateNamesATestThatPassesOnTheStub()
    {
        var notebook = Workbook.Notebooks.Notebook.Load(Path.Combine(TestFiles.RepoRoot, "exercises", "05-self-attention.ipynb"));
        notebook.Cells.First(c => Nbgrader.GradeId(c) == "ex05_2_causal_mask_tests").Source = "var check = new Check(\"05.2 (the causal mask)\");\ncheck.Expect(true, \"\");";
        // In artifacts/ (git-ignored), one level below the root like exercises/, so its #r "../lib/..." line resolves.
        var path = Path.Combine(TestFiles.RepoRoot, "artifacts", $"validate-{Guid.NewGuid():N}.ipynb");
        notebook.Save(path);
        var (code, output, errors) = await Cli.CommandRunner.Run(["validate", path]);
        log.WriteLine(output + errors);
        Assert.Equal(1, code);
        Assert.Matches(@"ex05_1_sdpa_tests +solution 3/3 \(passed\), release 0/3 \(failed\) +ok", output);
        Assert.Matches(@"ex05_2_causal_mask_tests +solution 2/2 \(passed\), release 2/2 \(passed\) +INVALID", output);
        Assert.Contains("ex05_2_causal_mask_tests: the test passes on the released stub.", errors);
        Assert.Contains("1 exercise(s) do not validate.", output);
        File.Delete(path);
    }
}
