using Workbook.Cli;
using Workbook.Kernel;

namespace Workbook.Commands;

/// <summary>Hidden verb <c>workbook kernel</c>: the child process that executes a notebook's cells for
/// <c>workbook run</c> (protocol in <see cref="KernelProtocol"/>).</summary>
public sealed class KernelHostCommand : ICommand
{
    public string Name => "kernel";
    public string Summary => "internal: executes notebook cells for `workbook run` (JSON lines on stdin/stdout)";
    public string Usage => "usage: workbook kernel   (started by `workbook run`; not for direct use)";
    public bool Hidden => true;

    public Task<int> RunAsync(Arguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        args.EnsureAllConsumed();
        return KernelHost.RunAsync();
    }
}
