using System.Runtime.InteropServices;
using Workbook.Cli;
using Workbook.Jupyter;

namespace Workbook.Commands;

/// <summary><c>workbook jupyter install|uninstall|kernel</c>: the engine as a Jupyter kernel (see Workbook.Jupyter).</summary>
public sealed class JupyterCommand : ICommand, IHasFlags
{
    public string Name => "jupyter";
    public string Summary => "install the \".NET (C#)\" Jupyter kernel (VS Code, JupyterLab, nbconvert) or run it";
    public string[] Flags => ["user"];
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

    public async Task<int> RunAsync(Arguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var action = args.Positionals.Count > 0 ? args.Positionals[0] : throw new UsageException("give install, uninstall or kernel.");
        switch (action)
        {
            case "install":
            case "uninstall":
                var (dataDir, name) = Target(args);
                if (action == "install")
                {
                    foreach (var line in KernelSpecInstaller.Install(dataDir, name)) stdout.WriteLine(line);
                    return 0;
                }
                if (KernelSpecInstaller.Uninstall(dataDir, name)) { stdout.WriteLine($"removed kernelspec '{name}' from {dataDir}"); return 0; }
                stderr.WriteLine($"workbook jupyter: no kernelspec '{name}' in {Path.Combine(dataDir, "kernels")}.");
                return 1;
            case "kernel":
                args.EnsureAllConsumed();
                if (args.Positionals.Count != 2) throw new UsageException("kernel needs exactly one CONNECTION_FILE.");
                return await RunKernelAsync(args.Positionals[1], stderr);
            default:
                throw new UsageException($"unknown action '{action}' (expected install, uninstall or kernel).");
        }
    }

    private static (string DataDir, string Name) Target(Arguments args)
    {
        var user = args.Flag("user");
        var prefix = args.Option("prefix");
        var name = args.Option("name") ?? KernelSpecInstaller.DefaultName;
        args.EnsureAllConsumed();
        if (args.Positionals.Count > 1) throw new UsageException($"unexpected argument '{args.Positionals[1]}'.");
        if (user && prefix is not null) throw new UsageException("give --user or --prefix, not both.");
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-zA-Z0-9._-]+$"))
            throw new UsageException($"kernel name '{name}' is invalid: use letters, digits, '.', '_' and '-' only.");
        return (prefix is null ? JupyterPaths.UserDataDir() : JupyterPaths.PrefixDataDir(prefix), name.ToLowerInvariant());
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
