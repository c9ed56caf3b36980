using System.CommandLine;

namespace Workbook.Cli;

/// <summary>Runs a legacy <see cref="ICommand"/> as an <see cref="IVerb"/>: it declares no symbols, so the parser
/// leaves every token after the verb unmatched (<see cref="AcceptsAnyTokens"/>) and they reach
/// <see cref="Arguments.Parse"/> in their order, as before. <c>--help</c>/<c>-h</c> are still the parser's.</summary>
public sealed class LegacyVerb(ICommand command) : IVerb
{
    public string Name => command.Name;
    public string Summary => command.Summary;
    public string Usage => command.Usage;
    public bool Hidden => command.Hidden;
    public IEnumerable<Symbol> Symbols => [];

    /// <summary>True: the tokens are the legacy command's to judge (it reports unknown options itself).</summary>
    public bool AcceptsAnyTokens => true;

    public Task<int> RunAsync(ParseResult args, TextWriter stdout, TextWriter stderr, CancellationToken cancel) =>
        command.RunAsync(Arguments.Parse(args.UnmatchedTokens, FlagsOf(command)), stdout, stderr, cancel);

    private static string[] FlagsOf(ICommand command) => command is IHasFlags f ? f.Flags : [];
}
