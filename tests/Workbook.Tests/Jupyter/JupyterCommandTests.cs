using System.Text.Json.Nodes;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Jupyter;

/// <summary><c>workbook jupyter install|uninstall|kernel</c>: the kernelspec's content, backups, and clear messages for
/// bad input. Installs go to --prefix temp folders only.</summary>
public sealed class JupyterCommandTests
{
    private static JsonNode Spec(string prefix, string name = ".net-csharp") =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(prefix, "share", "jupyter", "kernels", name, "kernel.json")))!;

    [Fact]
    public async Task InstallWritesAMessageInterruptKernelspecThatStartsThisWorkbook()
    {
        var prefix = TestFiles.TempDir("spec");
        var (code, stdout, _) = await CommandRunner.Run("jupyter", "install", "--prefix", prefix);
        Assert.Equal(0, code);
        Assert.Contains("installed kernelspec '.net-csharp'", stdout);
        var spec = Spec(prefix);
        Assert.Equal(".NET (C#)", spec["display_name"]!.GetValue<string>());
        Assert.Equal("C#", spec["language"]!.GetValue<string>());
        Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
        var argv = spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.True(File.Exists(argv[1]) && argv[1].EndsWith("workbook.dll", StringComparison.Ordinal), argv[1]);
        Assert.Equal(["jupyter", "kernel", "{connection_file}"], argv[2..]);
    }

    [Fact]
    public async Task InstallingOverAnotherKernelspecKeepsABackup()
    {
        var prefix = TestFiles.TempDir("spec");
        var theirs = Path.Combine(prefix, "share", "jupyter", "kernels", ".net-csharp");
        Directory.CreateDirectory(theirs);
        File.WriteAllText(Path.Combine(theirs, "kernel.json"), """{"argv":["dotnet","interactive","jupyter","{connection_file}"],"display_name":".NET (C#)","language":"C#"}""");
        var (code, stdout, _) = await CommandRunner.Run("jupyter", "install", "--prefix", prefix, "--name", ".net-csharp");
        Assert.Equal(0, code);
        Assert.Contains("was replaced; its backup is", stdout);
        var backup = Directory.GetDirectories(Path.Combine(prefix, "share", "jupyter", "kernels-backup")).Single();
        Assert.Contains("interactive", File.ReadAllText(Path.Combine(backup, "kernel.json")));
        Assert.Equal("message", Spec(prefix)["interrupt_mode"]!.GetValue<string>());
        (code, stdout, _) = await CommandRunner.Run("jupyter", "install", "--prefix", prefix);   // ours: updated in place
        Assert.Equal(0, code);
        Assert.DoesNotContain("backup", stdout);
    }

    [Fact]
    public async Task UninstallRemovesTheSpecAndSaysSoWhenThereIsNone()
    {
        var prefix = TestFiles.TempDir("spec");
        Assert.Equal(0, (await CommandRunner.Run("jupyter", "install", "--prefix", prefix, "--name", "my-kernel")).Code);
        Assert.Equal(0, (await CommandRunner.Run("jupyter", "uninstall", "--prefix", prefix, "--name", "my-kernel")).Code);
        Assert.False(Directory.Exists(Path.Combine(prefix, "share", "jupyter", "kernels", "my-kernel")));
        var (code, _, stderr) = await CommandRunner.Run("jupyter", "uninstall", "--prefix", prefix, "--name", "my-kernel");
        Assert.Equal(1, code);
        Assert.Contains("no kernelspec 'my-kernel'", stderr);
    }

    [Theory]
    [InlineData("no action", new string[0], "give install, uninstall or kernel")]
    [InlineData("unknown action", new[] { "instal" }, "unknown action 'instal'")]
    [InlineData("both targets", new[] { "install", "--user", "--prefix", "/tmp/x" }, "not both")]
    [InlineData("bad name", new[] { "install", "--prefix", "/tmp/x", "--name", "a b" }, "kernel name 'a b' is invalid")]
    [InlineData("no connection file", new[] { "kernel" }, "exactly one CONNECTION_FILE")]
    public async Task BadUsageIsAClearMessage(string why, string[] args, string message)
    {
        var (code, _, stderr) = await CommandRunner.Run(["jupyter", .. args]);
        Assert.True(code == 2, why);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Theory]
    [InlineData(null, "does not exist")]
    [InlineData("{ not json", "is not valid JSON")]
    [InlineData("""{"transport":"ipc","ip":"x","shell_port":1,"control_port":2,"iopub_port":3,"stdin_port":4,"hb_port":5,"key":""}""", "transport \"ipc\" is not supported")]
    [InlineData("""{"transport":"tcp","ip":"127.0.0.1","shell_port":1,"key":""}""", "\"control_port\" must be a port number")]
    public async Task ABadConnectionFileIsNamedWithItsProblem(string? content, string message)
    {
        var file = Path.Combine(TestFiles.TempDir("conn"), "kernel.json");
        if (content is not null) File.WriteAllText(file, content);
        var (code, _, stderr) = await CommandRunner.Run("jupyter", "kernel", file);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
        Assert.Contains(file, stderr);
    }
}
