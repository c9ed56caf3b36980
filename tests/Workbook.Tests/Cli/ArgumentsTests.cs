using Workbook.Cli;

namespace Workbook.Tests.Cli;

public sealed class ArgumentsTests
{
    [Fact]
    public void NameEqualsValueAndNameSpaceValueAreTheSameOption()
    {
        var a = Arguments.Parse(["run", "--out=dir/x", "--param", "Profile=full", "--param=Steps=3", "nb.ipynb"]);
        Assert.Equal("dir/x", a.Option("out"));
        Assert.Equal(["Profile=full", "Steps=3"], a.Many("param"));             // only the first '=' splits
        Assert.Equal(["run", "nb.ipynb"], a.Positionals);
        a.EnsureAllConsumed();
    }

    [Fact]
    public void DoubleDashMakesEverythingAfterItPositional()
    {
        var a = Arguments.Parse(["check", "--", "--not-an-option", "-", "--x=1"], "resume");
        Assert.Equal(["check", "--not-an-option", "-", "--x=1"], a.Positionals);
        Assert.False(a.Flag("resume"));
        a.EnsureAllConsumed();
    }

    [Fact]
    public void FlagsTakeNoValueAndMistakesAreNamed()
    {
        var a = Arguments.Parse(["--resume", "--out", "o", "--beam", "x", "--colour", "red"], "resume");
        Assert.True(a.Flag("resume"));
        Assert.Equal("o", a.Option("out"));
        Assert.Contains("--beam expects a whole number, got 'x'", Assert.Throws<UsageException>(() => a.Int("beam", 5)).Message);
        Assert.Contains("--colour", Assert.Throws<UsageException>(a.EnsureAllConsumed).Message);
        Assert.Contains("--out needs a value", Assert.Throws<UsageException>(() => Arguments.Parse(["--out"])).Message);
        Assert.Contains("given 2 times", Assert.Throws<UsageException>(() => Arguments.Parse(["--out=a", "--out", "b"]).Option("out")).Message);
        Assert.Equal(7, Arguments.Parse(["--beam=7"]).Int("beam", 5));
    }
}
