using System.CommandLine;
using Workbook.Cli;
using Workbook.Notebooks;

namespace Workbook.Commands;

/// <summary><c>workbook check</c>: validates notebooks without executing them (see <see cref="NotebookChecker"/>).</summary>
public sealed class CheckCommand : IVerb
{
    public string Name => "check";
    public string Summary => "validate notebooks without running them (format, kernel metadata, #r pins, output size)";
    public string Usage => """
        usage: workbook check PATH... [--max-output-kb N]

        Checks nbformat 4 JSON, Polyglot metadata (kernelspec .net-csharp, kernelInfo, per-cell kernelName),
        #r directives only in the first code cell, versions pinned and equal to Directory.Packages.props,
        and committed outputs no larger than N KB per cell (default 500). Exit code 1 when any problem is found.
        """;

    private readonly Argument<string[]> paths = new("PATH") { Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<int?> maxOutputKb = Opt.Whole("--max-output-kb");
    public IEnumerable<Symbol> Symbols => [paths, maxOutputKb];

    public Task<int> RunAsync(ParseResult args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var maxKb = args.GetValue(maxOutputKb) ?? 500;
        if (maxKb <= 0) throw new UsageException("--max-output-kb must be positive.");
        int problems = 0;
        foreach (var path in NotebookPaths.Expand(args.GetValue(paths)!))
        {
            var issues = NotebookChecker.Check(path, maxKb);
            problems += issues.Count;
            if (issues.Count == 0) stdout.WriteLine($"{path}: ok");
            foreach (var issue in issues) stderr.WriteLine(issue);
        }
        return Task.FromResult(problems == 0 ? 0 : 1);
    }
}
