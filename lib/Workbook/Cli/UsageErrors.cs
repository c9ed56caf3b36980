using System.CommandLine;
using System.CommandLine.Parsing;

namespace Workbook.Cli;

/// <summary>The usage errors of a parse, worded as the old parser worded them: what is wrong and with which option
/// or argument ("unknown option '--colour'.", "--out needs a value.", "--beam expects a whole number, got 'x'.").
/// The parser's own texts are kept where they already say both (e.g. a value not among an option's choices).</summary>
public static class UsageErrors
{
    /// <summary>The messages, empty when the command line is fine.</summary>
    public static IReadOnlyList<string> Of(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        if (parsed.UnmatchedTokens.Count > 0) return [Unmatched(parsed.UnmatchedTokens[0], command)];
        var messages = parsed.Errors.Select(Describe).Distinct().ToList();
        return messages.Count > 0 ? messages : OptionsTakenAsArguments(parsed);
    }

    private static string Unmatched(string token, Command command) =>
        LooksLikeOption(token) ? UnknownOption(token, command)
        : command is RootCommand ? $"unknown verb '{token}'{DidYouMean(token, Visible(command.Subcommands))}."
        : command.Subcommands.Count > 0 ? $"unknown action '{token}' (expected {string.Join(", ", Visible(command.Subcommands))})."
        : $"unexpected argument '{token}'.";

    private static string UnknownOption(string token, Command command)
    {
        var name = token.Split('=')[0];
        return $"unknown option '{name}'{DidYouMean(name, command.Options.Where(o => !o.Hidden).Select(o => o.Name))}.";
    }

    private static IEnumerable<string> Visible(IEnumerable<Command> commands) => commands.Where(c => !c.Hidden).Select(c => c.Name);

    /// <summary>" (did you mean --max-steps?)" for the one name within two edits of <paramref name="typed"/>
    /// (or that it abbreviates), else "".</summary>
    private static string DidYouMean(string typed, IEnumerable<string> names)
    {
        var close = names.Where(n => n.StartsWith(typed, StringComparison.Ordinal) || EditDistance(typed, n) <= 2).Distinct().ToList();
        return close.Count == 1 ? $" (did you mean {close[0]}?)" : "";
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions of one character.</summary>
    private static int EditDistance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();        // row[j] = distance(a[..i], b[..j])
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    private static string Describe(ParseError error) => error.SymbolResult switch
    {
        OptionResult { Tokens.Count: 0 } o when o.Option.Arity.MinimumNumberOfValues > 0 => $"{o.Option.Name} needs a value.",
        ArgumentResult { Parent: CommandResult c } a when a.Tokens.Count < a.Argument.Arity.MinimumNumberOfValues =>
            $"{c.Command.Name} needs {(a.Argument.Arity.MaximumNumberOfValues == 1 ? "exactly one" : "at least one")} {a.Argument.Name}.",
        _ => error.Message,
    };

    /// <summary>A command with positional arguments takes any token as one, "--colour" included: refuse those that
    /// look like options, unless they come after "--" (the usual way to pass such a value).</summary>
    private static IReadOnlyList<string> OptionsTakenAsArguments(ParseResult parsed)
    {
        var tokens = parsed.Tokens;
        int doubleDash = Enumerable.Range(0, tokens.Count).FirstOrDefault(i => tokens[i].Type == TokenType.DoubleDash, tokens.Count);
        var positional = parsed.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens);
        return positional.Where(t => LooksLikeOption(t.Value) && IndexOf(tokens, t) < doubleDash)
            .Select(t => UnknownOption(t.Value, parsed.CommandResult.Command)).Take(1).ToList();
    }

    private static bool LooksLikeOption(string token) => token.Length > 1 && token[0] == '-' && !char.IsDigit(token[1]);

    private static int IndexOf(IReadOnlyList<Token> tokens, Token token)
    {
        for (int i = 0; i < tokens.Count; i++) if (ReferenceEquals(tokens[i], token)) return i;
        return -1;
    }
}
