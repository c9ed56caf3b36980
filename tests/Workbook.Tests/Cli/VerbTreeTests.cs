using System.CommandLine;
using Workbook.Cli;

namespace Workbook.Tests.Cli;

/// <summary>The command-line tree around the verbs: usage texts that document what the verbs declare, shell
/// completion through the <c>[suggest]</c> directive, options given as the old parser accepted them, and the
/// legacy <see cref="ICommand"/> path.</summary>
[Collection(LibtorchCollection.Name)]
public sealed class VerbTreeTests
{
    public static TheoryData<string> Verbs() => [.. Program.Commands.Select(c => c.Name)];

    /// <summary>Help prints the hand-written usage, so an option declared but not documented would be invisible.</summary>
    [Theory]
    [MemberData(nameof(Verbs))]
    public void TheUsageTextNamesEveryDeclaredOption(string verb)
    {
        var command = Program.Commands.Single(c => c.Name == verb);
        var undocumented = OptionsOf(command.Symbols).Select(o => o.Name).Distinct().Where(n => !command.Usage.Contains(n)).ToList();
        Assert.True(undocumented.Count == 0, $"{verb}'s usage does not mention {string.Join(", ", undocumented)}");
    }

    private static IEnumerable<Option> OptionsOf(IEnumerable<Symbol> symbols) => symbols.SelectMany(s => s switch
    {
        Option o => [o],
        Command c => OptionsOf(c.Options),
        _ => Array.Empty<Option>(),
    });

    [Theory]
    [InlineData("tr", "train", "translate")]
    [InlineData("train --prof", "--profile")]
    [InlineData("train --profile ", "gpu", "laptop", "quick")]
    [InlineData("evaluate --split ", "test2016", "val")]
    [InlineData("jupyter ", "install", "kernel", "uninstall")]
    public async Task TheSuggestDirectiveCompletesVerbsOptionsAndChoices(string line, params string[] expected)
    {
        var (code, output, err) = await CommandRunner.Run($"[suggest:{line.Length}]", line);
        Assert.True(code == 0, err);
        // Help's own aliases (-h, -?, /h, ...) are offered wherever options may come; leave them out.
        var suggestions = CommandRunner.Lines(output).Where(s => s is not ("--help" or "-h" or "-?" or "/h" or "/?")).ToList();
        Assert.Equal(expected, suggestions);
    }

    [Fact]
    public async Task HiddenVerbsAreNeitherListedNorCompleted()
    {
        var (_, output, _) = await CommandRunner.Run("[suggest:1]", "k");
        Assert.DoesNotContain("kernel", output);
    }

    [Fact]
    public async Task NameEqualsValueRepeatedOptionsAndDoubleDashWorkAsBefore()
    {
        var dir = TestFiles.TempDir("verb-tree");
        var (hyp, reference) = (Path.Combine(dir, "hyp.txt"), Path.Combine(dir, "ref.txt"));
        File.WriteAllText(hyp, "a dog runs\n");
        File.WriteAllText(reference, "a dog runs\n");
        var (code, output, err) = await CommandRunner.Run("bleu", $"--hyp={hyp}", "--ref", reference, $"--ref={reference}", "--chrf");
        Assert.True(code == 0, err);
        Assert.Contains("nrefs:2", output);
        (code, _, err) = await CommandRunner.Run("check", "--", "--not-an-option");
        Assert.Equal(2, code);
        Assert.Contains("'--not-an-option' is neither a notebook nor a folder", err);
    }

    /// <summary>A verb written against the old API runs unchanged: its tokens reach <see cref="Arguments"/> in order,
    /// help is the parser's, and its own usage errors keep exit code 2.</summary>
    [Fact]
    public async Task ALegacyCommandStillRunsThroughTheAdapter()
    {
        var legacy = new Legacy();
        var tree = new VerbTree([new LegacyVerb(legacy)]);
        var (o, e) = (new StringWriter(), new StringWriter());
        Assert.Equal(0, await tree.InvokeAsync(["old", "--out", "d", "a.ipynb", "--quick", "--", "--b"], o, e, CancellationToken.None));
        Assert.Equal("out=d quick=True positionals=a.ipynb|--b", legacy.Seen);
        Assert.Equal(0, await tree.InvokeAsync(["old", "--help"], o, e, CancellationToken.None));
        Assert.Contains("usage: workbook old", o.ToString());
        Assert.Equal(2, await tree.InvokeAsync(["old", "--colour", "red"], o, e, CancellationToken.None));
        Assert.Contains("workbook old: unknown option(s): --colour", e.ToString());
    }

    private sealed class Legacy : ICommand, IHasFlags
    {
        public string Name => "old";
        public string Summary => "a verb on the old API";
        public string Usage => "usage: workbook old [--out DIR] [--quick] PATH...";
        public string[] Flags => ["quick"];
        public string Seen { get; private set; } = "";

        public Task<int> RunAsync(Arguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
        {
            var (output, quick) = (args.Option("out"), args.Flag("quick"));
            args.EnsureAllConsumed();
            Seen = $"out={output} quick={quick} positionals={string.Join("|", args.Positionals)}";
            return Task.FromResult(0);
        }
    }
}
