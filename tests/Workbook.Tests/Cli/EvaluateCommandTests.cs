using Workbook.Training;

namespace Workbook.Tests.Cli;

/// <summary><c>workbook evaluate</c> on the tiny trained run (<see cref="TinyRun"/>): the printed BLEU and chrF lines
/// are the ones <c>workbook bleu</c> prints for the hypotheses it wrote, byte for byte; bad input is one line, exit 1.</summary>
[Collection(LibtorchCollection.Name)]
public sealed class EvaluateCommandTests
{
    private static readonly string Dir = TestFiles.TempDir("evaluate");

    /// <summary>40 held-out dates (1–3 words each) plus two longer sources (12 and 33 words), so three buckets are used.</summary>
    private static (string Src, string Ref, int Count) TestSet()
    {
        var valid = TrainingData.Load("dates").Valid.Take(40).ToList();
        var sources = valid.Select(p => p.Source).ToList();
        var references = valid.Select(p => p.Target).ToList();
        sources.Add(string.Join(" ", Enumerable.Repeat("March 3, 1998", 4)));        // 12 words
        references.Add("1998-03-03");
        sources.Add(string.Join(" ", Enumerable.Repeat("17 May 1960", 11)));         // 33 words
        references.Add("1960-05-17");
        var (src, reference) = (Path.Combine(Dir, "test.src"), Path.Combine(Dir, "test.ref"));
        File.WriteAllLines(src, sources);
        File.WriteAllLines(reference, references);
        return (src, reference, sources.Count);
    }

    [Fact]
    public async Task PrintsBleuAndChrfLinesThatWorkbookBleuPrintsForItsOutputFile()
    {
        var run = await TinyRun.Get();
        var (src, reference, count) = TestSet();
        var hypPath = Path.Combine(Dir, "out", "hyp.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(hypPath)!);
        var (code, output, err) = await CommandRunner.Run("evaluate", "--model", run, "--src", src, "--ref", reference,
            "--beam", "2", "--batch", "4", "--out", hypPath);
        Assert.True(code == 0, err + output);
        var lines = CommandRunner.Lines(output);
        Assert.Matches(@"^BLEU = \d+\.\d\d \d+\.\d/\d+\.\d/\d+\.\d/\d+\.\d \(BP = \d\.\d{3} ratio = \d+\.\d{3} hyp_len = \d+ ref_len = \d+\)$", lines[0]);
        Assert.Equal("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.3", lines[1]);
        Assert.Matches(@"^chrF2 = \d+\.\d\d$", lines[2]);
        Assert.Equal(count, File.ReadAllLines(hypPath).Length);

        var bleu = await CommandRunner.Run("bleu", "--hyp", hypPath, "--ref", reference);
        Assert.Equal(0, bleu.Code);
        Assert.Equal(string.Join("\n", lines[..2]) + "\n", bleu.Out);                 // the same two lines, byte for byte
        var chrf = await CommandRunner.Run("bleu", "--hyp", hypPath, "--ref", reference, "--chrf");
        Assert.Equal(string.Join("\n", lines[2..4]) + "\n", chrf.Out);

        // Buckets: 40 sentences of 1–3 words, one of 12, one of 33, none elsewhere; then the speed line.
        int table = Array.IndexOf(lines, "BLEU by source length (words):");
        Assert.True(table == 4, output);
        Assert.Matches(@"^  1-10 +40 sentences  BLEU = \d+\.\d\d$", lines[5]);
        Assert.Matches(@"^  11-15 +1 sentences  BLEU = \d+\.\d\d$", lines[6]);
        Assert.Matches(@"^  16-20 +0 sentences  BLEU = -$", lines[7]);
        Assert.Matches(@"^  31\+ +1 sentences  BLEU = \d+\.\d\d$", lines[9]);
        Assert.Matches($@"^speed: {count} sentences in \d+\.\d s = \d+\.\d sentences/s \(beam 2, alpha 0\.6, batch 4\)$", lines[10]);
        Assert.Contains(Path.GetFullPath(hypPath), lines[11]);

        // Progress on stderr: a line per ~10 % (11 batches of 4 here, so fewer lines than batches), ending at the total.
        var progress = CommandRunner.Lines(err).Where(l => l.Contains(" sentences, ")).ToList();
        Assert.InRange(progress.Count, 2, 10);
        Assert.Contains($"{count}/{count} sentences", progress[^1]);
    }

    [Fact]
    public async Task DefaultOutputGoesNextToTheSourcesAndTheLengthPenaltyReachesTheSearch()
    {
        var run = await TinyRun.Get();
        var (src, reference, _) = TestSet();
        var (code, output, err) = await CommandRunner.Run("evaluate", "--model", run, "--src", src, "--ref", reference, "--beam", "3", "--length-penalty", "0");
        Assert.True(code == 0, err + output);
        Assert.Contains("(beam 3, alpha 0, batch 64)", output);
        Assert.True(File.Exists(Path.Combine(Dir, "test.hyp.txt")));
        Assert.Equal(2, (await CommandRunner.Run("evaluate", "--model", run, "--src", src, "--ref", reference, "--length-penalty", "-1")).Code);
    }

    [Fact]
    public async Task UnequalLineCountsAreOneLineNamingTheFileAndExitOne()
    {
        var run = await TinyRun.Get();
        var (src, _, count) = TestSet();
        var shortRef = Path.Combine(Dir, "short.ref");
        File.WriteAllLines(shortRef, ["1998-03-03"]);
        var (code, output, err) = await CommandRunner.Run("evaluate", "--model", run, "--src", src, "--ref", shortRef);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal($"workbook evaluate: line counts differ: {src} has {count} lines, {shortRef} has 1.", err.TrimEnd());
        (code, _, err) = await CommandRunner.Run("evaluate", "--model", run, "--src", Path.Combine(Dir, "missing.src"), "--ref", shortRef);
        Assert.Equal(1, code);
        Assert.Contains("missing.src", err);
        (code, _, err) = await CommandRunner.Run("evaluate", "--model", run, "--split", "test2017");
        Assert.Equal(2, code);
        Assert.Contains("--split must be one of val, test2016; got 'test2017'", err);
        (code, _, err) = await CommandRunner.Run("evaluate", "--model", run, "--src", src);
        Assert.Equal(2, code);
        Assert.Contains("--src and --ref go together", err);
    }
}
