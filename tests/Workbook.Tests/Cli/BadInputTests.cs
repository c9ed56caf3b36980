using System.Text;

namespace Workbook.Tests.Cli;

/// <summary>Every verb on bad input — a bad option (unknown, missing value, malformed number, value not among the
/// choices), a missing file, a bad corpus or notebook file, a corrupt checkpoint — gets a clear message naming the
/// problem and the place (option, file, line) and its exit code (2 usage, 1 bad input), never an unhandled
/// exception with a stack trace; and <c>--help</c> / <c>-h</c> after any verb prints its usage and exits 0.</summary>
[Collection(LibtorchCollection.Name)]
public sealed class BadInputTests
{
    private static readonly string Dir = TestFiles.TempDir("bad-input");

    private static string File(string name, byte[] content)
    {
        var path = Path.Combine(Dir, name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    // A second line that is not UTF-8 (0xFF 0xFE), and one without the TAB between source and target.
    private static string BadUtf8Corpus() => File("bad.tsv", [.. Utf8("hallo welt\thello world\n"), 0xFF, 0xFE, .. Utf8(" kaputt\tbroken\n")]);
    private static string NoTabCorpus() => File("notab.tsv", Utf8("hallo welt\thello world\nkein tab hier\n"));
    private static string BadUtf8Text() => File("badhyp.txt", [.. Utf8("a dog runs\n"), 0xC3, 0x28, .. Utf8("\n")]);
    private static string TwoLines() => File("ref.txt", Utf8("a dog runs\na cat sleeps\n"));
    private static string NotANotebook() => File("bad.ipynb", Utf8("""{"cells": 3}"""));
    private static string Missing(string name) => Path.Combine(Dir, name);
    private static string Exercises => Path.Combine(TestFiles.RepoRoot, "exercises");
    private static string Exercise() => Path.Combine(Exercises, "05-self-attention.ipynb");

    public static TheoryData<string[], int, string> Cases() => new()
    {
        // train
        { ["train", "--data", BadUtf8Corpus(), "--out", Missing("run1"), "--max-steps", "1"], 1, "bad.tsv:2: not valid UTF-8" },
        { ["train", "--data", NoTabCorpus(), "--out", Missing("run2"), "--max-steps", "1"], 1, "notab.tsv:2: expected 2 tab-separated columns" },
        { ["train", "--data", Missing("none.tsv"), "--out", Missing("run3")], 1, "--data: '" + Missing("none.tsv") + "' does not exist" },
        { ["train", "--max-steps", "x"], 2, "--max-steps expects a whole number ≥ 0, got 'x'" },
        { ["train", "--dropout", "0,1"], 2, "--dropout expects a number, got '0,1'" },
        { ["train", "--out"], 2, "--out needs a value" },
        { ["train", "--profile", "fast"], 2, "--profile must be one of quick, laptop, gpu; got 'fast'" },
        { ["train", "--budget", "soon"], 2, "--budget expects minutes (e.g. 60) or seconds (e.g. 90s), a positive number; got 'soon'" },
        { ["train", "--colour", "red"], 2, "unknown option '--colour'" },
        { ["train", "--out", "a", "--out", "b"], 2, "--out" },
        { ["train", "extra"], 2, "unexpected argument 'extra'" },
        { ["train", "--max-step", "5"], 2, "unknown option '--max-step' (did you mean --max-steps?)" },
        // translate, evaluate
        { ["translate", "--model", Missing("no-model"), "Ein Hund."], 1, $"model folder '{Missing("no-model")}' does not exist" },
        { ["translate", "Ein Hund."], 2, "--model is required" },
        { ["translate", "--model"], 2, "--model needs a value" },
        { ["translate", "--model", Missing("no-model"), "--beam", "two"], 2, "--beam expects a whole number, got 'two'" },
        { ["evaluate", "--model", Missing("no-model"), "--src", Missing("none.txt"), "--ref", Missing("none.txt")], 1, "does not exist" },
        { ["evaluate", "--model", Missing("no-model"), "--split", "test2017"], 2, "--split must be one of val, test2016; got 'test2017'" },
        { ["evaluate", "--model", Missing("no-model"), "--length-penalty", "abc"], 2, "--length-penalty expects a number, got 'abc'" },
        // bleu
        { ["bleu", "--hyp", Missing("none.txt"), "--ref", Missing("none.txt")], 1, "none.txt" },
        { ["bleu", "--hyp", BadUtf8Text(), "--ref", TwoLines()], 1, "badhyp.txt:2: not valid UTF-8" },
        { ["bleu", "--hyp", TwoLines(), "--ref"], 2, "--ref needs a value" },
        { ["bleu", "--hyp", TwoLines()], 2, "--ref is required" },
        // run, check, export
        { ["run", Missing("none.ipynb")], 2, "neither a notebook nor a folder" },
        { ["run", NotANotebook()], 1, "bad.ipynb: nbformat is missing, expected 4" },
        { ["run", NotANotebook(), "--timeout", "soon"], 2, "--timeout expects a number, got 'soon'" },
        { ["run", NotANotebook(), "--colour"], 2, "unknown option '--colour'." },
        { ["run", NotANotebook(), "--timeuot", "5"], 2, "unknown option '--timeuot' (did you mean --timeout?)" },
        { ["run", "--", "--weird.ipynb"], 2, "'--weird.ipynb' is neither a notebook nor a folder" },   // after --, a value
        { ["check", Missing("none.ipynb")], 2, "neither a notebook nor a folder" },
        { ["check", NotANotebook()], 1, "bad.ipynb: nbformat is missing, expected 4" },
        { ["check", NotANotebook(), "--max-output-kb", "lots"], 2, "--max-output-kb expects a whole number, got 'lots'" },
        { ["export", Missing("none.ipynb"), "--to", "file-app"], 2, "does not exist" },
        { ["export", NotANotebook(), "--to", "file-app", "--out", Missing("x.cs")], 1, "bad.ipynb: nbformat is missing, expected 4" },
        { ["export", NotANotebook(), "--to"], 2, "--to needs a value" },
        // release, grade, validate
        { ["release", Missing("none.ipynb"), "--out", Missing("rel")], 2, "neither a notebook nor a folder" },
        { ["release", NotANotebook(), "--out", Missing("rel")], 1, "bad.ipynb: nbformat is missing, expected 4 (source notebook)" },
        { ["release", Exercise()], 2, "--out is required" },
        { ["release", TestFiles.Fixture("basics.ipynb"), "--out", Missing("rel")], 1, "basics.ipynb: cell 2: a code cell without nbgrader metadata" },
        { ["grade", Missing("none.ipynb"), "--source", Exercises], 2, "neither a notebook nor a folder" },
        { ["grade", NotANotebook(), "--source", Exercises], 1, "bad.ipynb: nbformat is missing, expected 4 (submission)" },
        { ["grade", Exercise()], 2, "--source DIR is required" },
        { ["grade", Exercise(), "--source", Missing("sources")], 1, Missing("sources") + ": source folder not found" },
        { ["grade", TestFiles.Fixture("basics.ipynb"), "--source", Exercises], 1, "basics.ipynb: no source notebook has this file name or any of its grade_ids" },
        { ["grade", Exercise(), "--source", Exercises, "--timeout", "soon"], 2, "--timeout expects a number, got 'soon'" },
        { ["grade", Exercise(), "--source", Exercises, "--timeout", "0"], 2, "--timeout must be positive" },
        { ["validate", Missing("none.ipynb")], 2, "neither a notebook nor a folder" },
        { ["validate", NotANotebook()], 1, "bad.ipynb: nbformat is missing, expected 4 (source notebook)" },
        { ["validate", Exercise(), "--timeout", "0"], 2, "--timeout must be positive" },
        // bench, doctor, jupyter
        { ["bench", "--dropout", "7"], 2, "--dropout must be in [0, 1)" },
        { ["bench", "--dropout", "x"], 2, "--dropout expects a number, got 'x'" },
        { ["bench", "--quick", "extra"], 2, "unexpected argument 'extra'" },
        { ["doctor", "--colour", "red"], 2, "unknown option '--colour'" },
        { ["jupyter", "frobnicate"], 2, "unknown action 'frobnicate'" },
        { ["jupyter", "install", "--prefix"], 2, "--prefix needs a value" },
        { ["jupyter", "kernel", Missing("none.json")], 2, "does not exist" },
        { ["frobnicate"], 2, "unknown verb 'frobnicate'." },
        { ["tranlate", "Ein Hund."], 2, "unknown verb 'tranlate' (did you mean translate?)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInputGetsAClearMessageAndItsExitCode(string[] args, int expectedCode, string expected)
    {
        var (code, output, err) = await CommandRunner.Run(args);
        AssertClearFailure(code, output, err, expectedCode, expected);
    }

    [Fact]
    public void EveryVerbHasBadInputCases()
    {
        var covered = Cases().Select(c => (string)((string[])c[0])[0]).ToHashSet();
        var missing = Program.Commands.Where(c => !c.Hidden && !covered.Contains(c.Name)).Select(c => c.Name).ToList();
        Assert.True(missing.Count == 0, $"verbs without a bad-input case here: {string.Join(", ", missing)}");
    }

    [Theory]
    [InlineData("translate", "best.ckpt", true)]
    [InlineData("translate", "best.ckpt", false)]
    [InlineData("evaluate", "best.ckpt", true)]
    [InlineData("train", "latest.ckpt", false)]
    public async Task ACorruptCheckpointIsNamed(string verb, string checkpoint, bool truncate)
    {
        var run = CopyOf(await TinyRun.Get(), $"corrupt-{verb}-{truncate}");
        var path = Path.Combine(run, checkpoint);
        if (truncate) System.IO.File.WriteAllBytes(path, System.IO.File.ReadAllBytes(path)[..1000]);     // a copy cut short
        else System.IO.File.WriteAllText(path, "not a checkpoint");
        string[] args = verb switch
        {
            "translate" => ["translate", "--model", run, "Ein Hund läuft."],
            "evaluate" => ["evaluate", "--model", run, "--src", TwoLines(), "--ref", TwoLines()],
            _ => ["train", "--profile", "quick", "--out", run, "--resume", "--max-steps", "200"],
        };
        var (code, output, err) = await CommandRunner.Run(args);
        AssertClearFailure(code, output, err, 1, $"checkpoint '{path}' cannot be used");
    }

    [Fact]
    public async Task AMalformedDecodingRecordIsBlamedOnTheFileNotOnBeam()
    {
        var run = CopyOf(await TinyRun.Get(), "bad-decoding");
        System.IO.File.WriteAllText(Path.Combine(run, "decoding.json"), """{"beam": 4}""");       // misnamed fields
        var (code, output, err) = await CommandRunner.Run("translate", "--model", run, "Ein Hund läuft.");
        AssertClearFailure(code, output, err, 1, "decoding.json is not a decoding record");
        Assert.DoesNotContain("--beam", err);
    }

    [Fact]
    public async Task ACancelledVerbSaysSoAndExits130()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();                                                   // Ctrl+C before the translations are written
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = await Program.RunAsync(["evaluate", "--model", await TinyRun.Get(), "--src", TwoLines(), "--ref", TwoLines(),
            "--out", Missing("cancelled.hyp.txt")], o, e, cancel.Token);
        Assert.Equal(130, code);
        Assert.Contains("workbook evaluate: cancelled.", e.ToString());
        Assert.DoesNotContain("   at ", e.ToString());
    }

    public static TheoryData<string> Verbs() => [.. Program.Commands.Where(c => !c.Hidden).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task HelpAfterAVerbPrintsItsUsage(string verb)
    {
        foreach (var flag in new[] { "--help", "-h" })
        {
            var (code, output, err) = await CommandRunner.Run(verb, flag);
            Assert.True(code == 0, err);
            Assert.StartsWith($"usage: workbook {verb}", output.TrimStart());
            Assert.Equal("", err);
        }
    }

    [Theory]
    [InlineData("jupyter", "install", "--help")]
    [InlineData("train", "--beam", "x", "-h")]          // help wins over a bad value next to it
    [InlineData("help", "bleu")]
    public async Task HelpAnywhereOnTheLinePrintsTheVerbsUsage(params string[] args)
    {
        var (code, output, err) = await CommandRunner.Run(args);
        Assert.True(code == 0, err);
        Assert.StartsWith($"usage: workbook {(args[0] == "help" ? args[1] : args[0])}", output.TrimStart());
    }

    private static void AssertClearFailure(int code, string output, string err, int expectedCode, string expected)
    {
        Assert.True(code == expectedCode, $"exit code {code}, expected {expectedCode}; stderr: {err}");
        Assert.Contains(expected, err);
        Assert.DoesNotContain("Unhandled exception", err + output);
        Assert.DoesNotContain("unexpected error", err);
        Assert.DoesNotContain("   at ", err + output);                 // no stack trace
    }

    private static string CopyOf(string run, string name)
    {
        var copy = Path.Combine(Dir, name);
        if (Directory.Exists(copy)) Directory.Delete(copy, recursive: true);
        foreach (var file in Directory.GetFiles(run, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(run, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            System.IO.File.Copy(file, target);
        }
        return copy;
    }
}
