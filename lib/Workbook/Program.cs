using System.Reflection;
using Workbook.Cli;

namespace Workbook;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        return await RunAsync(args, Console.Out, Console.Error, cancel.Token);
    }

    /// <summary>All verbs: every non-abstract <see cref="ICommand"/> in this assembly.</summary>
    public static IReadOnlyList<ICommand> Commands { get; } = typeof(Program).Assembly.GetTypes()
        .Where(t => typeof(ICommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .Select(t => (ICommand)Activator.CreateInstance(t)!)
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .ToList();

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            var verb = args.Length > 1 ? Find(args[1]) : null;
            stdout.WriteLine(verb?.Usage ?? Overview());
            return 0;
        }
        if (args[0] is "--version")
        {
            stdout.WriteLine(typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
            return 0;
        }
        var command = Find(args[0]);
        if (command is null)
        {
            stderr.WriteLine($"workbook: unknown verb '{args[0]}'.");
            stderr.WriteLine(Overview());
            return 2;
        }
        if (args.Skip(1).TakeWhile(a => a != "--").Any(a => a is "--help" or "-h"))
        {
            stdout.WriteLine(command.Usage);
            return 0;
        }
        try
        {
            return await command.RunAsync(Arguments.Parse(args[1..], FlagsOf(command)), stdout, stderr, cancel);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"workbook {command.Name}: {e.Message}");
            stderr.WriteLine(command.Usage);
            return 2;
        }
        catch (Exception e) when (ExpectedFailure(e))
        {
            stderr.WriteLine($"workbook {command.Name}: {e.Message}");   // bad input: the message names the file and line
            return 1;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            stderr.WriteLine($"workbook {command.Name}: unexpected error ({e.GetType().Name}): {e.Message}");
            if (Environment.GetEnvironmentVariable(TraceVariable) == "1") stderr.WriteLine(e);
            else stderr.WriteLine($"(set {TraceVariable}=1 for the stack trace; please report it)");
            return 70;
        }
    }

    /// <summary>Set to 1 to see the stack trace of an unexpected error.</summary>
    public const string TraceVariable = "WORKBOOK_TRACE";

    /// <summary>Failures caused by the user's input or files (bad corpus line, missing or corrupt file, refused
    /// download, invalid setting), reported as one clear line with exit code 1 — never as an unhandled exception.</summary>
    private static bool ExpectedFailure(Exception e) => e is IOException or UnauthorizedAccessException or FormatException
        or InvalidDataException or System.Text.Json.JsonException or ArgumentException or Seq2Seq.Data.CorpusFormatException
        or Seq2Seq.Data.ChecksumMismatchException or Seq2Seq.Data.DatasetUnavailableException or Notebooks.NotebookFormatException;

    private static string[] FlagsOf(ICommand command) =>
        command is IHasFlags f ? f.Flags : Array.Empty<string>();

    private static ICommand? Find(string name) => Commands.FirstOrDefault(c => c.Name == name);

    private static string Overview()
    {
        var lines = Commands.Where(c => !c.Hidden).Select(c => $"  {c.Name,-10} {c.Summary}");
        return "usage: workbook VERB [options]   (workbook help VERB for details)\n\nverbs:\n" + string.Join("\n", lines);
    }
}
