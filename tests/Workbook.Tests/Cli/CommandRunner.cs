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

    /// <summary>As <see cref="Run"/> with <paramref name="stdin"/> as standard input. Console.In is process-wide:
    /// call it only from classes in <see cref="LibtorchCollection"/>, which never run beside each other.</summary>
    public static async Task<(int Code, string Out, string Err)> RunWithInput(string stdin, params string[] args)
    {
        var saved = Console.In;
        try
        {
            Console.SetIn(new StringReader(stdin));
            return await Run(args);
        }
        finally { Console.SetIn(saved); }
    }

    /// <summary>The lines of a command's output (the final newline does not start another line).</summary>
    public static string[] Lines(string output) => output.Split('\n')[..^1];
}
