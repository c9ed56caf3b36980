using System.CommandLine;
using Workbook.Cli;
using Workbook.Notebooks;

namespace Workbook.Commands;

/// <summary><c>workbook export NOTEBOOK --to file-app</c>: writes a .NET 10 file-based app equivalent of a notebook.</summary>
public sealed class ExportCommand : IVerb
{
    public string Name => "export";
    public string Summary => "convert a notebook to a .NET 10 file-based app (dotnet run FILE.cs)";
    public string Usage => """
        usage: workbook export NOTEBOOK --to file-app [--out FILE]

        Writes FILE (default: the notebook's name with .cs) with #:package/#:project directives, the cells' code in
        order, markdown as // comments, and display helpers, so `dotnet run FILE` prints what the notebook showed.
        """;

    private readonly Argument<string[]> notebooks = new("NOTEBOOK") { Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string?> to = Opt.Text("--to", "FORMAT"), output = Opt.Text("--out", "FILE");
    public IEnumerable<Symbol> Symbols => [notebooks, to, output];

    public Task<int> RunAsync(ParseResult args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var target = args.GetValue(to) ?? throw new UsageException("--to is required.");
        if (target != "file-app") throw new UsageException($"--to {target} is not supported; the only target is file-app.");
        var outFile = args.GetValue(output);
        if (args.GetValue(notebooks) is not [var path]) throw new UsageException("give exactly one notebook.");
        if (!File.Exists(path)) throw new UsageException($"notebook '{path}' does not exist.");
        outFile ??= Path.ChangeExtension(path, ".cs");
        try
        {
            var text = FileAppExporter.Export(Notebook.Load(path), path, outFile);
            var dir = Path.GetDirectoryName(Path.GetFullPath(outFile));
            if (dir is not null) Directory.CreateDirectory(dir);
            File.WriteAllText(outFile, text);
            stdout.WriteLine($"wrote {outFile} (run it with: dotnet run {outFile})");
            return Task.FromResult(0);
        }
        catch (NotebookFormatException e)
        {
            stderr.WriteLine(e.Message);
            return Task.FromResult(1);
        }
    }
}
