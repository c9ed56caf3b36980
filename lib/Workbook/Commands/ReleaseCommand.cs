using System.CommandLine;
using Workbook.Cli;
using Workbook.Grading;

namespace Workbook.Commands;

/// <summary><c>workbook release</c>: the student notebooks of exercise sources (see <see cref="Releaser"/>).</summary>
public sealed class ReleaseCommand : IVerb
{
    public string Name => "release";
    public string Summary => "write the student version of exercise sources (solutions stubbed, hidden tests removed)";
    public string Usage => """
        usage: workbook release SOURCE... --out DIR

        SOURCE      an exercise source notebook (nbgrader metadata, solutions in), or a folder of them
        --out DIR   write DIR/<name>.ipynb: each // BEGIN SOLUTION … // END SOLUTION region replaced by
                    // YOUR CODE HERE and throw new NotImplementedException();, hidden tests removed,
                    outputs cleared, nbgrader.checksum recorded on every test and locked cell
        """;

    private readonly Argument<string[]> paths = new("SOURCE") { Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string?> output = Opt.Text("--out", "DIR");
    public IEnumerable<Symbol> Symbols => [paths, output];

    public Task<int> RunAsync(ParseResult args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var outDir = args.GetValue(output) ?? throw new UsageException("--out is required.");
        var sources = NotebookPaths.Expand(args.GetValue(paths)!).Select(SourceNotebook.Load).ToList();   // all checked before any is written
        foreach (var source in sources)
        {
            var target = Path.Combine(outDir, Path.GetFileName(source.Path));
            if (Path.GetFullPath(target) == Path.GetFullPath(source.Path)) throw new UsageException($"--out {outDir} would overwrite the source {source.Path}.");
            Releaser.Release(source).Save(target);
            stdout.WriteLine($"{source.Path} -> {target} ({source.Exercises.Count} graded cell(s), {source.MaxPoints:0.###} points)");
        }
        return Task.FromResult(0);
    }
}
