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
        foreach (var c in Program.Commands.Where(c => !c.Hidden)) Assert.Contains(c.Name, output);
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
