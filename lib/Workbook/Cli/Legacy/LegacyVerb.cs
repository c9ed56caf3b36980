using System.CommandLine;
using System.CommandLine.Parsing;

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

    /// <summary>Hands the tokens after the verb to the legacy command as typed (the parser's unmatched-token list
    /// would drop a "--").</summary>
    public Task<int> RunAsync(ParseResult args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var tokens = args.Tokens.SkipWhile(t => t.Type != TokenType.Command).Skip(1).Select(t => t.Value).ToList();
        return command.RunAsync(Arguments.Parse(tokens, FlagsOf(command)), stdout, stderr, cancel);
    }

    private static string[] FlagsOf(ICommand command) => command is IHasFlags f ? f.Flags : [];
}
