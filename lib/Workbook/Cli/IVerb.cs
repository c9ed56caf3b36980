using System.CommandLine;

namespace Workbook.Cli;

/// <summary>One verb of the <c>workbook</c> command (run, check, export, bleu, train, ...). Implementations are
/// discovered by reflection, so adding a verb is adding one file: the class declares its options and arguments
/// (System.CommandLine symbols, usually made with <see cref="Opt"/>) and reads their typed values back from the
/// <see cref="ParseResult"/>. The parser rejects unknown options, missing values and malformed numbers before
/// <see cref="RunAsync"/> runs (exit 2, the verb's usage after the message), and completes them in the shell.</summary>
public interface IVerb
{
    /// <summary>The verb, e.g. "run".</summary>
    string Name { get; }

    /// <summary>One line for the verb list.</summary>
    string Summary { get; }

    /// <summary>Full usage text, printed by <c>--help</c>/<c>-h</c>, <c>workbook help VERB</c> and after a usage
    /// error. It must mention every option the verb declares (a test checks).</summary>
    string Usage { get; }

    /// <summary>Hidden verbs (internal plumbing such as the notebook child process) are not listed.</summary>
    bool Hidden => false;

    /// <summary>The verb's options, arguments and subcommands, each instance owned by this verb.</summary>
    IEnumerable<Symbol> Symbols { get; }

    /// <summary>Only the legacy adapter says yes: tokens the parser cannot match are passed on, not refused.</summary>
    bool AcceptsAnyTokens => false;

    /// <summary>Runs the verb on its parsed command line; returns the process exit code. Throws
    /// <see cref="UsageException"/> for a usage error the parser could not see, and lets expected failures
    /// (<see cref="ExpectedFailures"/>) escape: both become a one-line message, never a stack trace.</summary>
    Task<int> RunAsync(ParseResult args, TextWriter stdout, TextWriter stderr, CancellationToken cancel);
}
