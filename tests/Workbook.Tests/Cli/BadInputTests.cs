using System.Text;

namespace Workbook.Tests.Cli;

/// <summary>Every verb on bad input: a clear message naming the problem and a non-zero exit code, never an unhandled
/// exception with a stack trace; and <c>--help</c> / <c>-h</c> after any verb prints its usage and exits 0.</summary>
[Collection(LibtorchCollection.Name)]
public sealed class BadInputTests
{
    private static readonly string Dir = TestFiles.TempDir("bad-input");

    private static string BadUtf8Corpus()
    {
        var path = Path.Combine(Dir, "bad.tsv");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("hallo welt\thello world\n"), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes(" kaputt\tbroken\n")]);
        return path;
    }

    public static TheoryData<string[], string> Cases() => new()
    {
        { ["train", "--data", BadUtf8Corpus(), "--out", Path.Combine(Dir, "run"), "--max-steps", "1"], "bad.tsv:2: not valid UTF-8" },
        { ["translate", "--model", Path.Combine(Dir, "no-model")], "does not exist" },
        { ["evaluate", "--model", Path.Combine(Dir, "no-model"), "--src", Path.Combine(Dir, "none.txt"), "--ref", Path.Combine(Dir, "none.txt")], "does not exist" },
        { ["bleu", "--hyp", Path.Combine(Dir, "none.txt"), "--ref", Path.Combine(Dir, "none.txt")], "none.txt" },
        { ["run", Path.Combine(Dir, "none.ipynb")], "neither a notebook nor a folder" },
        { ["check", Path.Combine(Dir, "none.ipynb")], "neither a notebook nor a folder" },
        { ["export", Path.Combine(Dir, "none.ipynb"), "--to", "file-app"], "does not exist" },
        { ["bench", "--dropout", "7"], "--dropout must be in [0, 1)" },
        { ["jupyter", "frobnicate"], "unknown action 'frobnicate'" },
        { ["frobnicate"], "unknown verb 'frobnicate'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInputGetsAClearMessageAndANonZeroExitCode(string[] args, string expected)
    {
        var (code, output, err) = await CommandRunner.Run(args);
        Assert.NotEqual(0, code);
        Assert.Contains(expected, err);
        Assert.DoesNotContain("Unhandled exception", err + output);
        Assert.DoesNotContain("   at ", err + output);                 // no stack trace
    }

    [Theory]
    [InlineData("train", "--help")]
    [InlineData("translate", "-h")]
    [InlineData("evaluate", "--help")]
    [InlineData("run", "--help")]
    [InlineData("bench", "--help")]
    [InlineData("jupyter", "-h")]
    public async Task HelpAfterAVerbPrintsItsUsage(string verb, string flag)
    {
        var (code, output, err) = await CommandRunner.Run(verb, flag);
        Assert.True(code == 0, err);
        Assert.StartsWith($"usage: workbook {verb}", output.TrimStart());
    }
}
