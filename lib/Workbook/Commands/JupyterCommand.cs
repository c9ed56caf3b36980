using System.CommandLine;
using System.Runtime.InteropServices;
using Workbook.Cli;
using Workbook.Jupyter;

namespace Workbook.Commands;

/// <summary><c>workbook jupyter install|uninstall|kernel</c>: the engine as a Jupyter kernel (see Workbook.Jupyter).</summary>
public sealed class JupyterCommand : IVerb
{
    public string Name => "jupyter";
    public string Summary => "install the \".NET (C#)\" Jupyter kernel (VS Code, JupyterLab, nbconvert) or run it";
    public string Usage => """
        usage: workbook jupyter install [--user | --prefix DIR] [--name NAME]
               workbook jupyter uninstall [--user | --prefix DIR] [--name NAME]
               workbook jupyter kernel CONNECTION_FILE

        install     writes the kernelspec NAME (default .net-csharp, the name Polyglot notebooks carry) into the
                    user's Jupyter data folder (--user, the default) or DIR/share/jupyter (--prefix); another
                    kernelspec of that name is kept as a backup in kernels-backup/
        uninstall   removes that kernelspec
        kernel      runs the kernel (what the kernelspec starts; Jupyter writes the connection file)
        """;

    // The actions are subcommands; --user, --prefix and --name belong to install and uninstall alike.
    private readonly Option<bool> user = Opt.Flag("--user");
    private readonly Option<string?> prefix = Opt.Text("--prefix", "DIR"), name = Opt.Text("--name", "NAME");
    private readonly Argument<string> connectionFile = new("CONNECTION_FILE");
    private readonly Command install = new("install"), uninstall = new("uninstall"), kernel = new("kernel");

    public JupyterCommand()
    {
        foreach (var action in new[] { install, uninstall }) { action.Options.Add(user); action.Options.Add(prefix); action.Options.Add(name); }
        kernel.Arguments.Add(connectionFile);
    }

    public IEnumerable<Symbol> Symbols => [install, uninstall, kernel];

    public async Task<int> RunAsync(ParseResult args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var action = args.CommandResult.Command;
        if (action == kernel) return await RunKernelAsync(args.GetValue(connectionFile)!, stderr);
        if (action != install && action != uninstall) throw new UsageException("give install, uninstall or kernel.");
        var (dataDir, kernelName) = Target(args);
        if (action == install)
        {
            foreach (var line in KernelSpecInstaller.Install(dataDir, kernelName)) stdout.WriteLine(line);
            return 0;
        }
        if (KernelSpecInstaller.Uninstall(dataDir, kernelName)) { stdout.WriteLine($"removed kernelspec '{kernelName}' from {dataDir}"); return 0; }
        stderr.WriteLine($"workbook jupyter: no kernelspec '{kernelName}' in {Path.Combine(dataDir, "kernels")}.");
        return 1;
    }

    private (string DataDir, string Name) Target(ParseResult args)
    {
        var (isUser, prefixDir) = (args.GetValue(user), args.GetValue(prefix));
        var kernelName = args.GetValue(name) ?? KernelSpecInstaller.DefaultName;
        if (isUser && prefixDir is not null) throw new UsageException("give --user or --prefix, not both.");
        if (!System.Text.RegularExpressions.Regex.IsMatch(kernelName, "^[a-zA-Z0-9._-]+$"))
            throw new UsageException($"kernel name '{kernelName}' is invalid: use letters, digits, '.', '_' and '-' only.");
        return (prefixDir is null ? JupyterPaths.UserDataDir() : JupyterPaths.PrefixDataDir(prefixDir), kernelName.ToLowerInvariant());
    }

    private static async Task<int> RunKernelAsync(string connectionFile, TextWriter stderr)
    {
        ConnectionInfo connection;
        try { connection = ConnectionInfo.Load(connectionFile); }
        catch (FormatException e) { stderr.WriteLine($"workbook jupyter kernel: {e.Message}"); return 2; }
        using var stop = new CancellationTokenSource();
        JupyterKernel kernel;
        try { kernel = new JupyterKernel(connection, Directory.GetCurrentDirectory(), stderr); }
        catch (NetMQ.NetMQException e) { stderr.WriteLine($"workbook jupyter kernel: cannot bind the sockets of {connectionFile}: {e.Message}"); return 1; }
        // SIGTERM (the client's fallback after shutdown_request) stops gracefully, killing the cell's child.
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        return await kernel.RunAsync(stop.Token);
    }
}
