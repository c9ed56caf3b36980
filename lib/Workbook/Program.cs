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

    /// <summary>The verb classes: every non-abstract <see cref="IVerb"/> in this assembly, and every legacy
    /// <see cref="ICommand"/> (run through <see cref="LegacyVerb"/>).</summary>
    private static readonly Type[] VerbTypes = typeof(Program).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && t != typeof(LegacyVerb)
            && (typeof(IVerb).IsAssignableFrom(t) || typeof(ICommand).IsAssignableFrom(t)))
        .ToArray();

    /// <summary>All verbs, in name order.</summary>
    public static IReadOnlyList<IVerb> Commands { get; } = CreateVerbs();

    /// <summary>Runs one command line in this process (the tests' entry point too); returns the exit code. Each call
    /// gets its own verbs and tree: System.CommandLine's symbols are not meant to be shared between threads, and
    /// the tests run command lines in parallel.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel) =>
        new VerbTree(CreateVerbs()).InvokeAsync(args, stdout, stderr, cancel);

    private static IReadOnlyList<IVerb> CreateVerbs() => VerbTypes
        .Select(t => Activator.CreateInstance(t) switch { IVerb v => v, var c => new LegacyVerb((ICommand)c!) })
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .ToList();
}
