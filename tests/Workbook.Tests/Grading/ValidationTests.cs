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
}
