namespace Workbook.Tests.Cli;

/// <summary><c>workbook bleu</c>'s inputs beyond two files: hypotheses on standard input (as <c>sacrebleu REF &lt; hyp</c>)
/// and reference files with empty lines. In <see cref="LibtorchCollection"/> only because it replaces Console.In.</summary>
[Collection(LibtorchCollection.Name)]
public sealed class BleuInputTests
{
    private static readonly string Dir = TestFiles.TempDir("bleu-input");

    private static string Write(string name, params string[] lines)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static readonly string[] Hyps = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];
    private static readonly string[] Refs = ["The dog bit the man.", "It was not unexpected.", "The man bit him first."];

    [Theory]
    [InlineData("--chrf")]
    [InlineData("--lowercase")]
    public async Task HypothesesOnStandardInputScoreAsFromAFile(string flag)
    {
        var reference = Write("ref", Refs);
        var fromFile = await CommandRunner.Run("bleu", "--hyp", Write("hyp", Hyps), "--ref", reference, flag);
        Assert.Equal(0, fromFile.Code);
        var stdin = string.Join("\n", Hyps) + "\n";
        Assert.Equal(fromFile, await CommandRunner.RunWithInput(stdin, "bleu", "--ref", reference, flag));                  // --hyp absent
        Assert.Equal(fromFile, await CommandRunner.RunWithInput(stdin, "bleu", "--hyp", "-", "--ref", reference, flag));    // --hyp -
        var (code, _, err) = await CommandRunner.RunWithInput("one line\n", "bleu", "--ref", reference, flag);
        Assert.Equal(1, code);
        Assert.Contains("standard input has 1 lines", err);
    }

    /// <summary>The value derived from sacreBLEU's bleu.py for an empty reference (see BleuTests in Seq2Seq.Tests):
    /// "Hello there." against an empty line adds 3 hypothesis tokens, 0 reference tokens and no matches.</summary>
    [Fact]
    public async Task EmptyReferenceLineCountsAsAReferenceOfLengthZero()
    {
        var (hyp, reference) = (Write("h2", "The dog bit the man.", "Hello there."), Write("r2", "The dog bit the man.", ""));
        var (code, output, err) = await CommandRunner.Run("bleu", "--hyp", hyp, "--ref", reference);
        Assert.True(code == 0, err);
        Assert.Equal("BLEU = 78.56 66.7/71.4/80.0/100.0 (BP = 1.000 ratio = 1.500 hyp_len = 9 ref_len = 6)\n" +
                     "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.3\n", output);
        var chrf = await CommandRunner.Run("bleu", "--hyp", hyp, "--ref", reference, "--chrf");
        Assert.StartsWith("chrF2 = 100.00\n", chrf.Out);                                   // the empty segment adds nothing
        // Two reference files, one with an empty line among non-empty ones: a missing reference (sacreBLEU's nrefs:var).
        var (_, multi, _) = await CommandRunner.Run("bleu", "--hyp", Write("h3", Hyps), "--ref", Write("r3a", ["", .. Refs[1..]]),
            "--ref", Write("r3b", "The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."));
        Assert.Equal("BLEU = 29.44 82.4/42.9/27.3/12.5 (BP = 0.889 ratio = 0.895 hyp_len = 17 ref_len = 19)\n" +
                     "nrefs:var|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.3\n", multi);   // sacreBLEU README's values
    }
}
