using System.CommandLine;
using Workbook.Cli;
using Workbook.Kernel;

namespace Workbook.Commands;

/// <summary>Hidden verb <c>workbook kernel</c>: the child process that executes a notebook's cells for
/// <c>workbook run</c> (protocol in <see cref="KernelProtocol"/>).</summary>
public sealed class KernelHostCommand : IVerb
{
    public string Name => "kernel";
    public string Summary => "internal: executes notebook cells for `workbook run` (JSON lines on stdin/stdout)";
    public string Usage => "usage: workbook kernel   (started by `workbook run`; not for direct use)";
    public bool Hidden => true;

    public IEnumerable<Symbol> Symbols => [];

    public Task<int> RunAsync(ParseResult args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        return KernelHost.RunAsync();
    }
}
