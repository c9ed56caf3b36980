namespace Workbook.Cli;

/// <summary>Legacy verb API (before System.CommandLine): the verb reads its options by name from
/// <see cref="Arguments"/> and declares nothing, so the parser can neither type, complete nor list them.
/// Still discovered and run (through <see cref="LegacyVerb"/>: <c>--help</c> prints <see cref="Usage"/>, every
/// other token is handed to <see cref="Arguments.Parse"/>) so that a verb written against it keeps working until it
/// is ported to <see cref="IVerb"/>; docs/architecture.md says how. Delete this folder once nothing implements it.</summary>
public interface ICommand
{
    /// <summary>The verb, e.g. "run".</summary>
    string Name { get; }

    /// <summary>One line for the verb list.</summary>
    string Summary { get; }

    /// <summary>Full usage text shown by <c>workbook help VERB</c> and on a usage error.</summary>
    string Usage { get; }

    /// <summary>Hidden verbs (internal plumbing such as the notebook child process) are not listed.</summary>
    bool Hidden => false;

    /// <summary>Runs the verb; returns the process exit code.</summary>
    Task<int> RunAsync(Arguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancel);
}
