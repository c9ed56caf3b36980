using System.CommandLine;
using System.CommandLine.Invocation;

namespace Workbook.Cli;

/// <summary>What the parser invokes for a verb (and its subcommands): runs it with the invocation's writers and
/// turns every failure into a message and an exit code — 2 for a usage error (the usage follows), 1 for bad input
/// (<see cref="ExpectedFailures"/>), 130 when cancelled (Ctrl+C), 70 for a bug (stack trace only with
/// <see cref="TraceVariable"/>=1).</summary>
public sealed class VerbAction(IVerb verb) : AsynchronousCommandLineAction
{
    /// <summary>Set to 1 to see the stack trace of an unexpected error.</summary>
    public const string TraceVariable = "WORKBOOK_TRACE";

    public override async Task<int> InvokeAsync(ParseResult parsed, CancellationToken cancel)
    {
        var (stdout, stderr) = (parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error);
        try
        {
            return await verb.RunAsync(parsed, stdout, stderr, cancel);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"workbook {verb.Name}: {e.Message}");
            stderr.WriteLine(verb.Usage);
            return 2;
        }
        catch (Exception e) when (ExpectedFailures.Matches(e))
        {
            stderr.WriteLine($"workbook {verb.Name}: {e.Message}");   // bad input: the message names the file and line
            return 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            stderr.WriteLine($"workbook {verb.Name}: cancelled.");             // Ctrl+C: 128 + SIGINT, as shells report it
            return 130;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"workbook {verb.Name}: unexpected error ({e.GetType().Name}): {e.Message}");
            if (Environment.GetEnvironmentVariable(TraceVariable) == "1") stderr.WriteLine(e);
            else stderr.WriteLine($"(set {TraceVariable}=1 for the stack trace; please report it)");
            return 70;
        }
    }
}
