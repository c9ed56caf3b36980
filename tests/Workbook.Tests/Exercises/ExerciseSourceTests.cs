using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbook.Grading;
using Markers = Workbook.Grading.Regions;
using Workbook.Kernel;
using Workbook.Notebooks;
using Xunit.Abstractions;

namespace Workbook.Tests.Exercises;

/// <summary>The graded exercise sources, <c>exercises/*.ipynb</c>: their format and nbgrader metadata; the solutions
/// pass every check (hidden ones included); the released stubs fail every graded cell with a message naming the
/// exercise; chosen wrong solutions fail with the teaching message they were written for.
/// The stubs are the real release's (<see cref="Markers"/>, used by <see cref="Releaser"/>); <c>Grading/</c> tests grade them.</summary>
[Collection("Notebook runs")]
public sealed partial class ExerciseSourceTests(ITestOutputHelper log)
{
    private static string ExercisesDir => Path.Combine(TestFiles.RepoRoot, "exercises");

    public static TheoryData<string> Sources()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(ExercisesDir, "*.ipynb").OrderBy(p => p, StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    // ------------------------------------------------------------------------------------------------ static checks

    [Theory]
    [MemberData(nameof(Sources))]
    public void PassesWorkbookCheckAndNbformat(string file)
    {
        var path = Path.Combine(ExercisesDir, file);
        Assert.Empty(NotebookChecker.Check(path).Select(i => i.ToString()));
        var notebook = Notebook.Load(path);
        Assert.Equal(4, notebook.Root["nbformat"]!.GetValue<int>());
        Assert.Equal(5, CellIds.Minor(notebook));
        var setup = notebook.Cells.First(c => c.IsCode).Source;
        Assert.Contains("#r \"../lib/Seq2Seq/bin/Debug/net10.0/Seq2Seq.dll\"", setup);
        Assert.StartsWith("using ", notebook.Cells.Where(c => c.IsCode).ElementAt(1).Source);
        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
        {
            Assert.Empty(cell.Outputs);
            Assert.Null(cell.ExecutionCount);
        }
    }

    [Fact]
    public async Task PassJupytersOwnValidator() =>
        Assert.Empty(await Course.JupyterValidator.Problems(Directory.GetFiles(ExercisesDir, "*.ipynb")));

    [Theory]
    [MemberData(nameof(Sources))]
    public void NbgraderMetadataIsWellFormed(string file)
    {
        var notebook = Notebook.Load(Path.Combine(ExercisesDir, file));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? openSolution = null;   // the solution cell still waiting for its graded cell
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            var where = $"{file} cell {i + 1}";
            var g = Nbgrader(cell);
            if (g is null)
            {
                Assert.True(cell.IsMarkdown, $"{where}: every code cell needs nbgrader metadata");
                continue;
            }
            Assert.Equal(3, g["schema_version"]?.GetValue<int>());
            var id = g["grade_id"]?.GetValue<string>();
            Assert.False(string.IsNullOrWhiteSpace(id), $"{where}: grade_id missing");
            Assert.True(ids.Add(id!), $"{where}: grade_id '{id}' is not unique");
            bool grade = g["grade"]!.GetValue<bool>(), solution = g["solution"]!.GetValue<bool>(), locked = g["locked"]!.GetValue<bool>();
            var source = cell.Source;
            if (solution)
            {
                Assert.True(cell.IsCode && !grade && !locked, $"{where}: a solution cell is an unlocked, ungraded code cell");
                Assert.Null(openSolution);
                Assert.True(Regions(source, SolutionBegin, SolutionEnd) >= 1, $"{where}: no balanced // BEGIN SOLUTION … // END SOLUTION region");
                Assert.DoesNotContain("HIDDEN TESTS", source);
                openSolution = id;
            }
            else if (grade)
            {
                Assert.True(cell.IsCode && locked, $"{where}: a graded cell is a locked code cell");
                Assert.True(g["points"]?.GetValue<double>() > 0, $"{where}: graded cell without points > 0");
                Assert.True(openSolution is not null, $"{where}: graded cell '{id}' does not follow a solution cell");
                Assert.Equal(openSolution + "_tests", id);
                Assert.True(Regions(source, HiddenBegin, HiddenEnd) >= 0, $"{where}: unbalanced hidden-test markers");
                Assert.DoesNotContain("SOLUTION", source);
                Assert.Contains($"new Check(\"{ExerciseNumber(id!)} (", source);
                openSolution = null;
            }
            else
            {
                Assert.True(locked, $"{where}: a cell that is neither solution nor graded must be locked");
                Assert.DoesNotContain("// BEGIN", source);
            }
        }
        Assert.Null(openSolution);
    }

    [Fact]
    public void TwelveGradedExercisesEachNamedInItsLesson()
    {
        var exercises = new List<(string File, string Number, double Points)>();
        foreach (var path in Directory.GetFiles(ExercisesDir, "*.ipynb").OrderBy(p => p, StringComparer.Ordinal))
            foreach (var cell in Notebook.Load(path).Cells)
                if (Nbgrader(cell) is { } g && g["grade"]!.GetValue<bool>())
                    exercises.Add((Path.GetFileName(path), ExerciseNumber(g["grade_id"]!.GetValue<string>()), g["points"]!.GetValue<double>()));
        Assert.Equal(["01.1", "01.2", "02.1", "02.2", "03.1", "04.1", "04.2", "05.1", "05.2", "06.1", "07.1", "08.1"], exercises.Select(e => e.Number));
        Assert.Equal(34, exercises.Sum(e => e.Points));
        foreach (var (file, number, _) in exercises)
        {
            Assert.StartsWith(number[..2] + "-", file);
            var lesson = Path.Combine(TestFiles.RepoRoot, "notebooks", file);
            Assert.True(File.Exists(lesson), $"{file}: no lesson notebooks/{file} to belong to");
            Assert.Contains($"Exercise {number}", string.Concat(Notebook.Load(lesson).Cells.Where(c => c.IsMarkdown).Select(c => c.Source)));
        }
    }

    [Fact]
    public void TheReleaseStubsSolutionsAndDropsHiddenTests()
    {
        var solution = "int F(int x)\n{\n    // BEGIN SOLUTION\n    return x + 1;\n    // END SOLUTION\n}";
        Assert.Equal("int F(int x)\n{\n    // YOUR CODE HERE\n    throw new NotImplementedException();\n}", Stub(solution));
        var tests = "Check(1);\n// BEGIN HIDDEN TESTS\nCheck(2);\n// END HIDDEN TESTS\nCheck(3);";
        Assert.Equal("Check(1);\nCheck(3);", Markers.WithoutHiddenTests(tests));
        Assert.Throws<FormatException>(() => Stub("// BEGIN SOLUTION\nreturn 1;"));
    }

    // --------------------------------------------------------------------------------------------------- execution

    /// <summary>As the source is (solutions and hidden tests in), the notebook runs clean with `workbook run`'s engine.</summary>
    [Theory]
    [MemberData(nameof(Sources))]
    public async Task RunsCleanWithItsSolutions(string file)
    {
        var clock = Stopwatch.StartNew();
        var result = await NotebookRunner.RunAsync(Path.Combine(ExercisesDir, file), RunOptions.Default with { CellTimeout = TimeSpan.FromMinutes(3) },
            TextWriter.Null, TextWriter.Null, CancellationToken.None);
        log.WriteLine($"{file}: {result.Status} in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(result.Status == NotebookRunStatus.Ok, $"{file}: {result.Failure}");
        Assert.Equal(result.CodeCells, result.CellsRun);
    }

    /// <summary>In one kernel per notebook, cell by cell (the runner would stop at the first failure): the setup
    /// cells, then for each exercise its solution cell in turn replaced by (1) the released stub, (2) a stub that
    /// returns default, (3) each wrong solution listed in <see cref="WrongSolutions"/>, each followed by the graded cell,
    /// which must fail, naming the exercise (and, for a wrong solution, with the intended message); and (4) the real
    /// solution, after which the graded cell passes again, with and without its hidden tests (so the redefinitions,
    /// not the kernel state, made it fail, and the visible checks stand on their own).
    /// Graded cells run with hidden tests for the wrong solutions and the real one, and without them (as released) for the stubs.</summary>
    [Theory]
    [MemberData(nameof(Sources))]
    public async Task StubsAndWrongSolutionsFailEveryGradedCell(string file)
    {
        var clock = Stopwatch.StartNew();
        var notebook = Notebook.Load(Path.Combine(ExercisesDir, file));
        await using var kernel = await KernelProcess.StartAsync(ExercisesDir, CancellationToken.None);
        var exercises = 0;
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (!cell.IsCode) continue;
            var g = Nbgrader(cell)!;
            if (!g["solution"]!.GetValue<bool>() && !g["grade"]!.GetValue<bool>())
            {
                var setup = await Run(kernel, cell.Source);
                Assert.True(setup.Status == CellStatus.Ok, $"{file} cell {i + 1}: {setup.Error}");
                continue;
            }
            if (!g["solution"]!.GetValue<bool>()) continue;
            var id = g["grade_id"]!.GetValue<string>();
            var number = ExerciseNumber(id);
            var tests = notebook.Cells[i + 1].Source;
            var variants = new List<(string Name, string Solution, string Tests, string Expected)>
            {
                ("released stub", Stub(cell.Source), Markers.WithoutHiddenTests(tests), "is not implemented yet"),
                ("returns default", Stub(cell.Source, "return default!;"), Markers.WithoutHiddenTests(tests), $"Exercise {number}"),
            };
            foreach (var (name, body, expected) in WrongSolutions.GetValueOrDefault(id, []))
                variants.Add((name, Stub(cell.Source, body), tests, expected));
            foreach (var (name, solution, testSource, expected) in variants)
            {
                var defined = await Run(kernel, solution);
                Assert.True(defined.Status == CellStatus.Ok, $"{file} {id} ({name}): the solution cell does not compile: {defined.Error}");
                var graded = await Run(kernel, testSource);
                Assert.True(graded.Status == CellStatus.Failed, $"{file} {id} ({name}): the graded cell should fail but ended {graded.Status}");
                Assert.Contains($"Exercise {number} (", graded.Error);
                Assert.Contains(expected, graded.Error);
                log.WriteLine($"{id} ({name}): {FirstLine(graded.Error!)}");
            }
            var real = await Run(kernel, cell.Source);
            Assert.True(real.Status == CellStatus.Ok, real.Error);
            var passed = await Run(kernel, tests);
            Assert.True(passed.Status == CellStatus.Ok, $"{file} {id}: after the variants the real solution should pass again: {passed.Error}");
            var released = await Run(kernel, Markers.WithoutHiddenTests(tests));
            Assert.True(released.Status == CellStatus.Ok, $"{file} {id}: the visible checks alone (as released) should pass on the solution: {released.Error}");
            exercises++;
        }
        Assert.True(exercises > 0, $"{file} has no exercise");
        log.WriteLine($"{file}: {exercises} exercise(s) in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Plausible wrong solutions (the body that replaces the solution region) and a piece of the message
    /// each must produce: the teaching message written for that mistake.</summary>
    private static readonly Dictionary<string, (string Name, string Body, string Expected)[]> WrongSolutions = new()
    {
        ["ex01_1_estep"] =
        [
            ("no normaliser", """
                string[] e = [IbmModel1.NullWord, .. source];
                var counts = new Dictionary<(string F, string E), double>();
                foreach (var f in target) foreach (var ei in e) counts[(f, ei)] = counts.GetValueOrDefault((f, ei)) + t(f, ei);
                return counts;
                """, "divide t(f_j|e_i) by the normaliser"),
            ("forgets NULL", """
                var counts = new Dictionary<(string F, string E), double>();
                foreach (var f in target)
                {
                    double z = source.Sum(e => t(f, e));
                    foreach (var e in source) counts[(f, e)] = counts.GetValueOrDefault((f, e)) + t(f, e) / z;
                }
                return counts;
                """, "no count goes to the NULL word"),
        ],
        ["ex01_2_georgetown"] =
        [
            ("ignores the genitive adjective", """return entry.Case == "gen" && previous?.Tags.Contains("gov") != true ? "of " + english : english;""",
                "after a genitive adjective the phrase already has its"),
        ],
        ["ex02_1_greedy"] =
        [
            ("keeps EOS in the tokens", """
                int batch = (int)srcIds.shape[0];
                var tokens = Enumerable.Range(0, batch).Select(_ => new List<int>()).ToArray();
                var logP = new double[batch];
                var done = new bool[batch];
                var state = model.Start(srcIds);
                var last = torch.full(batch, SpecialTokens.Bos, dtype: ScalarType.Int64);
                for (int step = 0; step < maxLength && !done.All(d => d); step++)
                {
                    var (logProbs, next) = model.Step(last, state);
                    var best = logProbs.argmax(1);
                    var ids = best.data<long>().ToArray();
                    var lps = logProbs.gather(1, best.unsqueeze(1)).squeeze(1).to(ScalarType.Float64).data<double>().ToArray();
                    for (int b = 0; b < batch; b++)
                    {
                        if (done[b]) continue;
                        logP[b] += lps[b];
                        tokens[b].Add((int)ids[b]);
                        if (ids[b] == SpecialTokens.Eos) done[b] = true;
                    }
                    (state, last) = (next, best);
                }
                return (tokens.Select(t => t.ToArray()).ToArray(), logP);
                """, "which is not in its tokens"),
        ],
        ["ex02_2_beam_step"] =
        [
            ("no length penalty", """
                var ranked = Enumerable.Range(0, live.Count).SelectMany(b => logProbs[b].Select((lp, v) => (Total: live[b].LogProb + lp, Beam: b, Token: v)))
                    .OrderByDescending(c => c.Total).ToList();
                var next = new List<Beam>();
                var finished = new List<Finished>();
                for (int c = 0; c < ranked.Count && !(c >= k && next.Count == k); c++)
                {
                    var (total, b, token) = ranked[c];
                    if (token == SpecialTokens.Eos || atLimit)
                    {
                        if (c < k) finished.Add(new Finished(token == SpecialTokens.Eos ? live[b].Tokens : [.. live[b].Tokens, token], total, live[b].Tokens.Length + 1, total));
                    }
                    else if (next.Count < k) next.Add(new Beam([.. live[b].Tokens, token], total));
                }
                return (next, finished.OrderByDescending(f => f.Score).ToList());
                """, "lp(|Y|) = ((5 + |Y|) / 6)^α, and |Y| counts EOS"),
        ],
        ["ex03_1_label_smoothing"] =
        [
            ("divides by B·T", """
                var logProbs = logits.reshape(-1, logits.shape[^1]).log_softmax(-1);
                var flat = targets.reshape(-1);
                var real = flat.ne(padId);
                var nll = -logProbs.gather(1, flat.masked_fill(real.logical_not(), 0).unsqueeze(1)).squeeze(1);
                return ((1 - epsilon) * nll - epsilon * logProbs.mean([1L])).masked_fill(real.logical_not(), 0).mean();
                """, "divide by the number of real tokens, not by B·T"),
        ],
        ["ex04_1_masked_softmax"] =
        [
            ("forgets the mask", "return scores.softmax(-1);", "but it gets weight"),
            ("-1e9 instead of handling an empty row", "return scores.masked_fill(mask.logical_not(), -1e9).softmax(-1);", "may attend nowhere"),
        ],
        ["ex04_2_bahdanau"] =
        [
            ("no tanh", "return (query.matmul(wq.t()).unsqueeze(1) + keys.matmul(wk.t())).matmul(v);", "tanh inside, v outside"),
        ],
        ["ex05_1_sdpa"] =
        [
            ("scales by d_k, not √d_k", """
                var weights = (q.matmul(k.transpose(-2, -1)) / q.shape[^1]).softmax(-1);
                return (weights.matmul(v), weights);
                """, "scores = QKᵀ / √d_k"),
        ],
        ["ex05_2_causal_mask"] =
        [
            ("off by one: diagonal blocked", "return torch.ones(length, length, dtype: ScalarType.Bool).tril(-1).view(1, 1, length, length);", "query 0 may not attend to key 0, itself"),
            ("upper triangle", "return torch.ones(length, length, dtype: ScalarType.Bool).triu().view(1, 1, length, length);", "lets the future through is query 0, key 1"),
        ],
        ["ex06_1_split_merge"] =
        [
            ("view without transpose", """
                return x.view(x.shape[0], heads, x.shape[1], x.shape[2] / heads);
                // ---- next region ----
                return x.transpose(1, 2).reshape(x.shape[0], x.shape[2], x.shape[1] * x.shape[3]);
                """, "head 0 of SplitHeads(x, H = 3) must be"),
        ],
        ["ex07_1_sinusoidal"] =
        [
            ("sin half then cos half", """
                var angles = torch.arange(length, dtype: ScalarType.Float32).unsqueeze(1) * torch.exp(torch.arange(0, dModel, 2, dtype: ScalarType.Float32) * (-Math.Log(10000.0) / dModel));
                return torch.cat([angles.sin(), angles.cos()], 1);
                """, "columns interleave"),
        ],
        ["ex08_1_decoder_layer"] =
        [
            ("no causal mask", """
                var h = p.Norm1(x + p.SelfAttention(x, x, x, null));
                h = p.Norm2(h + p.CrossAttention(h, memory, memory, srcMask));
                return p.Norm3(h + p.FeedForward(h));
                """, "self-attention must use tgtMask"),
            ("pre-norm", """
                var h = x + p.SelfAttention(p.Norm1(x), p.Norm1(x), p.Norm1(x), tgtMask);
                h = h + p.CrossAttention(p.Norm2(h), memory, memory, srcMask);
                return h + p.FeedForward(p.Norm3(h));
                """, "output vs DecoderLayer (post-norm"),
        ],
    };

    // ------------------------------------------------------------------------------------------------------ helpers

    private const string SolutionBegin = Markers.SolutionBegin, SolutionEnd = Markers.SolutionEnd;
    private const string HiddenBegin = Markers.HiddenBegin, HiddenEnd = Markers.HiddenEnd;

    private static JsonObject? Nbgrader(NotebookCell cell) => cell.Metadata["nbgrader"] as JsonObject;

    /// <summary>"ex04_1_masked_softmax" (or its "_tests") → "04.1".</summary>
    private static string ExerciseNumber(string gradeId)
    {
        var m = GradeIdPattern().Match(gradeId);
        Assert.True(m.Success, $"grade_id '{gradeId}' is not exNN_N_name");
        return $"{m.Groups[1].Value}.{m.Groups[2].Value}";
    }

    [GeneratedRegex(@"^ex(\d\d)_(\d+)_")]
    private static partial Regex GradeIdPattern();

    /// <summary>Number of balanced begin/end regions (markers alone on their lines, not nested); -1 if unbalanced.</summary>
    private static int Regions(string source, string begin, string end)
    {
        int count = 0;
        bool open = false;
        foreach (var line in source.Split('\n').Select(l => l.Trim()))
        {
            if (line == begin) { if (open) return -1; open = true; }
            else if (line == end) { if (!open) return -1; open = false; count++; }
        }
        return open ? -1 : count;
    }

    private static Task<CellResult> Run(KernelProcess kernel, string source) =>
        kernel.RunAsync(source, "csharp", TimeSpan.FromMinutes(3), CancellationToken.None);

    private static string FirstLine(string text) => text.Split('\n').FirstOrDefault(l => l.Contains("Exercise ", StringComparison.Ordinal))?.Trim() ?? text;

    /// <summary>The release's stub (<see cref="Markers.StubSolutions"/>), or with <paramref name="body"/> in place of the
    /// throw; a body may hold one part per region, separated by a line <c>// ---- next region ----</c>.</summary>
    private static string Stub(string source, string? body = null)
    {
        var parts = body?.Replace("\r\n", "\n").Split("// ---- next region ----");
        return Markers.StubSolutions(source, parts is null ? null : i => parts[Math.Min(i, parts.Length - 1)]);
    }
}
