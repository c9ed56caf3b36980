using Workbook;

namespace Workbook.Tests.Cli;

[Collection(LibtorchCollection.Name)]
public sealed class ProgramTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = await Program.RunAsync(args, o, e, CancellationToken.None);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task HelpListsEveryVisibleVerb()
    {
        var (code, output, _) = await Run("help");
        Assert.Equal(0, code);
        // One line per verb, the verb first and then its own summary: a bare Contains(c.Name) would find "run" and
        // "train" inside other verbs' summaries even if their own lines were missing.
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        foreach (var c in Program.Commands)
        {
            var line = lines.Where(l => l.TrimStart().StartsWith(c.Name + " ")).ToList();
            if (c.Hidden) { Assert.Empty(line); continue; }
            Assert.True(line.Count == 1, $"'{c.Name}' should have exactly one line in help, has {line.Count}");
            Assert.Matches($"^  {System.Text.RegularExpressions.Regex.Escape(c.Name)} +{System.Text.RegularExpressions.Regex.Escape(c.Summary)}$", line[0]);
        }
    }

    [Fact]
    public async Task UnknownVerbIsAUsageError()
    {
        var (code, _, err) = await Run("frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("unknown verb 'frobnicate'", err);
    }

    [Fact]
    public async Task UnknownOptionIsReportedByName()
    {
        var (code, _, err) = await Run("doctor", "--colour", "red");
        Assert.Equal(2, code);
        Assert.Contains("--colour", err);
    }

    [Fact]
    public async Task DoctorComputesWithLibtorch()
    {
        var (code, output, err) = await Run("doctor");
        Assert.True(code == 0, err);
        Assert.Contains("torch.ones(2, 3).sum() = 6", output);
    }
}
