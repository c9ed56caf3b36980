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

    /// <summary>All verbs: every non-abstract <see cref="IVerb"/> in this assembly, and every legacy
    /// <see cref="ICommand"/> through its adapter.</summary>
    public static IReadOnlyList<IVerb> Commands { get; } = typeof(Program).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && t != typeof(LegacyVerb)
            && (typeof(IVerb).IsAssignableFrom(t) || typeof(ICommand).IsAssignableFrom(t)))
        .Select(t => Activator.CreateInstance(t) switch { IVerb v => v, var c => new LegacyVerb((ICommand)c!) })
        .OrderBy(c => c.Name, StringComparer.Ordinal)
        .ToList();

    private static readonly Lazy<VerbTree> Tree = new(() => new VerbTree(Commands));

    /// <summary>Runs one command line in this process (the tests' entry point too); returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel) =>
        Tree.Value.InvokeAsync(args, stdout, stderr, cancel);
}
