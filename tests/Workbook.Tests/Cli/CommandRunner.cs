namespace Workbook.Tests.Cli;

/// <summary>Runs the CLI in-process (the kernel itself still runs in a child process) and captures its output.</summary>
internal static class CommandRunner
{
    public static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = await Program.RunAsync(args, o, e, CancellationToken.None);
        return (code, o.ToString(), e.ToString());
    }
}
