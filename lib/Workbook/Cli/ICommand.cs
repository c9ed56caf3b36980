namespace Workbook.Cli;

/// <summary>One verb of the <c>workbook</c> command (run, check, export, bleu, train, ...).
/// Implementations are discovered by reflection, so adding a verb is adding one file.</summary>
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
