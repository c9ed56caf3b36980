using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Reflection;

namespace Workbook.Cli;

/// <summary>The <c>workbook</c> command line as a System.CommandLine tree: one command per verb carrying the
/// symbols it declares, help that prints the verb's own usage text, the version, the verb list when no verb is
/// given, and the parser's <c>[suggest]</c> directive for shell completion (README, "Shell completion").</summary>
public sealed class VerbTree
{
    private readonly RootCommand root = new("workbook: the course's notebook engine and translation tools");
    private readonly IReadOnlyList<IVerb> verbs;

    // No response files: "@name" is text here (a sentence to translate), not a file of arguments to read.
    private static readonly ParserConfiguration Configuration = new() { ResponseFileTokenReplacer = null };

    public VerbTree(IReadOnlyList<IVerb> verbs)
    {
        this.verbs = verbs;
        foreach (var option in root.Options)
        {
            if (option is HelpOption help) help.Action = new Print(UsageOf, clearsErrors: true);
            if (option is VersionOption version) version.Action = new Print(_ =>
                typeof(VerbTree).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "", clearsErrors: true);
        }
        root.Action = new Print(_ => Overview(), clearsErrors: false);      // `workbook` alone; `workbook frobnicate` stays an error
        foreach (var verb in verbs) root.Subcommands.Add(CommandOf(verb));
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code (2 for a usage error).</summary>
    public async Task<int> InvokeAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        if (args is ["help", .. var rest]) args = [.. rest.Take(1), "--help"];       // `workbook help VERB`
        var parsed = root.Parse(args, Configuration);
        var verb = VerbOf(parsed);
        var errors = (parsed.Action is ParseErrorAction or VerbAction) && verb?.AcceptsAnyTokens != true ? UsageErrors.Of(parsed) : [];
        if (errors.Count > 0)
        {
            foreach (var e in errors) stderr.WriteLine($"workbook{(verb is null ? "" : " " + verb.Name)}: {e}");
            stderr.WriteLine(verb?.Usage ?? Overview());
            return 2;
        }
        // No termination handling of the parser's own: Program's Ctrl+C handler cancels the token, and the
        // Jupyter kernel handles SIGTERM itself.
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        return await parsed.InvokeAsync(invocation, cancel);
    }

    /// <summary>The verb list that `workbook` and `workbook --help` print.</summary>
    public string Overview()
    {
        var lines = verbs.Where(c => !c.Hidden).Select(c => $"  {c.Name,-10} {c.Summary}");
        return "usage: workbook VERB [options]   (workbook VERB --help for details)\n\nverbs:\n" + string.Join("\n", lines);
    }

    private static Command CommandOf(IVerb verb)
    {
        var command = new Command(verb.Name, verb.Summary) { Hidden = verb.Hidden, TreatUnmatchedTokensAsErrors = !verb.AcceptsAnyTokens };
        foreach (var symbol in verb.Symbols)
        {
            switch (symbol)
            {
                case Option o: command.Options.Add(o); break;
                case Argument a: command.Arguments.Add(a); break;
                case Command c: command.Subcommands.Add(c); break;
            }
        }
        SetAction(command, new VerbAction(verb));
        return command;
    }

    /// <summary>The verb and each of its subcommands run the verb, which looks at the subcommand parsed.</summary>
    private static void SetAction(Command command, VerbAction action)
    {
        command.Action = action;
        foreach (var sub in command.Subcommands) SetAction(sub, action);
    }

    /// <summary>The verb the parse reached (the root's child on the path to the parsed command), or null.</summary>
    private IVerb? VerbOf(ParseResult parsed)
    {
        SymbolResult? result = parsed.CommandResult;
        while (result is CommandResult { Parent: CommandResult parent } && parent.Command != root) result = parent;
        return result is CommandResult c && c.Command != root ? verbs.FirstOrDefault(v => v.Name == c.Command.Name) : null;
    }

    private string UsageOf(ParseResult parsed) => VerbOf(parsed)?.Usage ?? Overview();

    /// <summary>Writes a text to the invocation's output and exits 0; with <paramref name="clearsErrors"/> whatever else
    /// the command line holds (<c>train --beam x --help</c> is help, not an error).</summary>
    private sealed class Print(Func<ParseResult, string> text, bool clearsErrors) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => clearsErrors;

        public override int Invoke(ParseResult parsed)
        {
            parsed.InvocationConfiguration.Output.WriteLine(text(parsed));
            return 0;
        }
    }
}
