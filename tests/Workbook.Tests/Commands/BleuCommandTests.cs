using Workbook;

namespace Workbook.Tests.Commands;

public sealed class BleuCommandTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "bleu-cli-" + Guid.NewGuid().ToString("N"));

    public BleuCommandTests() => Directory.CreateDirectory(dir);
    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = await Program.RunAsync(args, o, e, CancellationToken.None);
        return (code, o.ToString(), e.ToString());
    }

    // sacreBLEU's README example (also test/test_bleu.py, expected 48.530827 with two reference streams).
    private static readonly string[] Hyps = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];
    private static readonly string[] Refs1 = ["The dog bit the man.", "It was not unexpected.", "The man bit him first."];
    private static readonly string[] Refs2 = ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."];

    [Fact]
    public async Task PrintsTheScoreLineAndSignatureLikeSacreBleu()
    {
        var (code, output, err) = await Run("bleu", "--hyp", Write("hyp", Hyps), "--ref", Write("r1", Refs1), "--ref", Write("r2", Refs2));
        Assert.True(code == 0, err);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)", lines[0]);
        Assert.Equal("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.3", lines[1]);
    }

    [Fact]
    public async Task ChrfAndLowercaseOptions()
    {
        var (code, output, err) = await Run("bleu", "--hyp", Write("hyp", Hyps), "--ref", Write("r1", Refs1), "--chrf", "--lowercase");
        Assert.True(code == 0, err);
        Assert.StartsWith("chrF2 = ", output);
        Assert.Contains("nrefs:1|case:lc|eff:yes|nc:6|nw:0|space:no|version:2.4.3", output);
    }

    [Fact]
    public async Task LowercaseReallyIgnoresCase()
    {
        // Identical up to case: 100 when lowercased, less when cased (the default). The other test's sentences agree in
        // case, so there --lowercase changed only the signature.
        var (hyp, reference) = (Write("upper", ["THE DOG BIT THE MAN.", "It Was Not Unexpected."]), Write("lower", ["The dog bit the man.", "It was not unexpected."]));
        foreach (var chrf in new[] { false, true })
        {
            string[] metric = chrf ? ["--chrf"] : [];
            var (code, lowered, err) = await Run(["bleu", "--hyp", hyp, "--ref", reference, "--lowercase", .. metric]);
            Assert.True(code == 0, err);
            Assert.StartsWith(chrf ? "chrF2 = 100.00" : "BLEU = 100.00", lowered);
            var (_, cased, _) = await Run(["bleu", "--hyp", hyp, "--ref", reference, .. metric]);
            Assert.DoesNotContain("= 100.00", cased.Split('\n')[0]);
        }
    }

    [Fact]
    public async Task DifferentLineCountsAreAnErrorNamingBothFiles()
    {
        var hyp = Write("hyp", Hyps);
        var reference = Write("ref", Refs1[..2]);
        var (code, output, err) = await Run("bleu", "--hyp", hyp, "--ref", reference);
        Assert.NotEqual(0, code);
        Assert.Equal("", output);
        Assert.Contains($"{hyp} has 3 lines", err);
        Assert.Contains($"{reference} has 2", err);
    }

    [Fact]
    public async Task MissingReferenceIsAUsageError()
    {
        var (code, _, err) = await Run("bleu", "--hyp", Write("hyp", Hyps));
        Assert.Equal(2, code);
        Assert.Contains("--ref", err);
    }
}
