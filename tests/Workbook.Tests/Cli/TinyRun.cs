namespace Workbook.Tests.Cli;

/// <summary>One tiny trained run folder shared by the CLI tests that need a model (evaluate, translate): the quick
/// profile on the bundled dates for 100 steps (a few seconds), trained once per test process on first use. The
/// model is undertrained on purpose; the tests check what the verbs print and write, not translation quality.</summary>
internal static class TinyRun
{
    private static readonly Lazy<Task<string>> Folder = new(Train);

    /// <summary>The run folder (best.ckpt, latest.ckpt, bpe/).</summary>
    public static Task<string> Get() => Folder.Value;

    private static async Task<string> Train()
    {
        var dir = Path.Combine(TestFiles.TempDir("tiny-run"), "run");
        var (code, output, err) = await CommandRunner.Run("train", "--profile", "quick", "--out", dir, "--max-steps", "100", "--eval-every", "0");
        if (code != 0) throw new InvalidOperationException($"training the tiny run failed ({code}): {err}{output}");
        return dir;
    }
}
