using System.Text.Json.Nodes;
using Workbook.Grading;
using Workbook.Notebooks;

namespace Workbook.Tests.Grading;

/// <summary>What needs no kernel: the release (stubs, hidden tests gone, checksums, <c>workbook check</c>), the cell
/// restorer (edited, deleted, reordered and added cells), the name guard, bad sources and CSV quoting.</summary>
public sealed class ReleaseAndGuardTests
{
    private static string Exercises => Path.Combine(TestFiles.RepoRoot, "exercises");

    private static SourceNotebook Source(string name = "05-self-attention.ipynb") => SourceNotebook.Load(Path.Combine(Exercises, name));

    public static TheoryData<string> Sources() => Workbook.Tests.Exercises.ExerciseSourceTests.Sources();

    [Theory]
    [MemberData(nameof(Sources))]
    public void TheReleaseStubsEverySolutionDropsHiddenTestsRecordsChecksumsAndPassesCheck(string file)
    {
        var source = Source(file);
        var released = Releaser.Release(source);
        var path = Path.Combine(TestFiles.TempDir("release"), file);
        released.Save(path);
        Assert.Empty(NotebookChecker.Check(path).Select(i => i.ToString()));
        Assert.Equal(source.Notebook.Cells.Count, released.Cells.Count);
        foreach (var cell in released.Cells)
        {
            var id = Nbgrader.GradeId(cell);
            Assert.DoesNotContain("SOLUTION", cell.Source);
            Assert.DoesNotContain("HIDDEN TESTS", cell.Source);
            switch (Nbgrader.Role(cell))
            {
                case CellRole.Solution:
                    Assert.Contains("// YOUR CODE HERE\n", cell.Source);
                    Assert.Contains("throw new NotImplementedException();", cell.Source);
                    Assert.Null(Nbgrader.Of(cell)!["checksum"]);
                    break;
                case CellRole.Graded or CellRole.Locked:
                    Assert.Matches("^[0-9a-f]{64}$", Nbgrader.Of(cell)!["checksum"]!.GetValue<string>());
                    Assert.True(Releaser.Unchanged(cell), $"{file} {id}: checksum");
                    break;
            }
        }
        var test = released.Cells.First(c => Nbgrader.Role(c) == CellRole.Graded);
        test.Source += "\n// tampered";
        Assert.False(Releaser.Unchanged(test));
    }

    [Fact]
    public void TheRestorerTakesOnlySolutionCellsFromTheSubmission()
    {
        var source = Source();
        var submission = Releaser.Release(source);
        var cells = submission.Cells;
        var test = cells.First(c => Nbgrader.GradeId(c) == "ex05_1_sdpa_tests");
        test.Source = "// tampered\nnew Check(\"05.1\").Expect(true, \"\");";
        cells.Remove(cells.First(c => Nbgrader.GradeId(c) == "checks"));               // deleted
        var solution = cells.First(c => Nbgrader.GradeId(c) == "ex05_2_causal_mask");
        solution.Source = "Tensor CausalMask(long length) => Masks.Causal(length); // mine";
        cells.Remove(solution);
        cells.Insert(0, solution);                                                       // moved
        cells.Add(NotebookCell.NewCSharp("Console.WriteLine(\"added\");"));              // added
        var (graded, notes) = CellRestorer.Restore(source, submission);

        Assert.Equal(source.Notebook.Cells.Select(Nbgrader.GradeId), graded.Cells.Select(Nbgrader.GradeId));
        foreach (var (ours, theirs) in source.Notebook.Cells.Zip(graded.Cells))
            if (Nbgrader.Role(ours) != CellRole.Solution) Assert.Equal(ours.Source, theirs.Source);   // hidden tests back in
        Assert.Equal(solution.Source, graded.Cells.First(c => Nbgrader.GradeId(c) == "ex05_2_causal_mask").Source);
        Assert.DoesNotContain(graded.Cells, c => c.Source.Contains("added"));
        Assert.Contains(notes, n => n.Contains("'ex05_1_sdpa_tests' was edited"));
        Assert.Contains(notes, n => n.Contains("'checks' is missing"));
        Assert.Contains(notes, n => n.Contains("1 code cell(s) you added were not run"));
    }

    [Theory]
    [InlineData("public static class Check { public static void Expect(bool ok, string m) { } }", "Check")]
    [InlineData("public sealed class ExerciseFailed(string m) : Exception(m);", "ExerciseFailed")]
    [InlineData("static class Masks { public static Tensor Causal(long n) => torch.ones(1); }", "Masks")]
    [InlineData("var torch = 1;", "torch")]
    [InlineData("using Attention = System.Object;", "Attention")]
    [InlineData("void CompareAttention(object a, object b) { }", "CompareAttention")]
    [InlineData("int.TryParse(\"1\", out var KeyMask);", "KeyMask")]
    public void TheGuardRefusesACellThatRedefinesWhatTheChecksUse(string cell, string name)
    {
        var refusal = NameGuard.For(Source()).Refusal(cell);
        Assert.NotNull(refusal);
        Assert.Contains($"'{name}'", refusal);
        Assert.Contains("line 1", refusal);
    }

    [Theory]
    [InlineData("Tensor CausalMask(long length) => Masks.Causal(length);")]
    [InlineData("Tensor Helper(Tensor x) => x.softmax(-1);\nvar x = torch.randn(3);\nvar check = 1;\nclass Scratch { public int Values; }")]
    [InlineData("(Tensor Context, Tensor Weights) ScaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor? mask) => Attention.ScaledDotProduct(q, k, v, mask);")]
    public void TheGuardAllowsTheExercisesOwnNamesAndHelpers(string cell) => Assert.Null(NameGuard.For(Source()).Refusal(cell));

    [Fact]
    public void TheGuardRefusesReferences() =>
        Assert.Contains("#r", NameGuard.For(Source()).Refusal("#r \"evil.dll\"\nint F() => 1;"));

    [Fact]
    public void BadSourcesAreNamedWithTheirCell()
    {
        var dir = TestFiles.TempDir("bad-source");
        var noIds = Path.Combine(dir, "plain.ipynb");
        File.Copy(TestFiles.Fixture("basics.ipynb"), noIds);
        var e = Assert.Throws<GradingException>(() => SourceNotebook.Load(noIds));
        Assert.Contains("plain.ipynb: cell", e.Message);
        Assert.Contains("grade_id", e.Message);

        var open = Notebook.Load(Path.Combine(Exercises, "05-self-attention.ipynb"));
        var solution = open.Cells.First(c => Nbgrader.Role(c) == CellRole.Solution);
        solution.Source = solution.Source.Replace("// END SOLUTION", "");
        var unbalanced = Path.Combine(dir, "open.ipynb");
        open.Save(unbalanced);
        e = Assert.Throws<GradingException>(() => SourceNotebook.Load(unbalanced));
        Assert.Contains($"cell {open.Cells.IndexOf(solution) + 1} ('ex05_1_sdpa')", e.Message);
        Assert.Contains("without '// END SOLUTION'", e.Message);

        Assert.Throws<GradingException>(() => SourceNotebook.Load(Path.Combine(dir, "missing.ipynb")));
        Assert.Throws<GradingException>(() => SourceNotebook.For(Notebook.Load(noIds), noIds, [Source()]));
    }

    [Fact]
    public void CsvFieldsAreQuotedAsRfc4180Says()
    {
        Assert.Equal("plain", Gradebook.Field("plain"));
        Assert.Equal("\"a,b\"", Gradebook.Field("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", Gradebook.Field("say \"hi\""));
        Assert.Equal("\"two\nlines\"", Gradebook.Field("two\nlines"));
    }

    [Fact]
    public async Task ReleaseWritesEveryNotebookOfAFolderAndNeverOverwritesTheSource()
    {
        var dir = TestFiles.TempDir("release-cli");
        var (code, output, errors) = await Cli.CommandRunner.Run(["release", Exercises, "--out", dir]);
        Assert.True(code == 0, errors);
        Assert.Equal(Directory.GetFiles(Exercises, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("05-self-attention.ipynb (2 graded cell(s), 5 points)", output);
        (code, _, errors) = await Cli.CommandRunner.Run(["release", Path.Combine(Exercises, "05-self-attention.ipynb"), "--out", Exercises]);
        Assert.Equal(2, code);
        Assert.Contains("would overwrite the source", errors);
    }
}
