using Workbook.Tests.Cli;
using Workbook.Tests.Support;

namespace Workbook.Tests.Jupyter;

/// <summary>Runs Debian's Jupyter tools (python3-jupyter-client, python3-nbclient, jupyter-nbconvert; .ci/run installs
/// them) against a kernelspec installed with <c>--prefix</c> into a temp folder. Every Jupyter folder points into that
/// folder (JUPYTER_PATH, data, config, runtime), so tests never read or write the real user's Jupyter setup.</summary>
internal sealed class JupyterTools
{
    public const string Python = "/usr/bin/python3";   // Debian's, with the apt packages; not a pyenv python on PATH

    public JupyterTools(string root)
    {
        Root = root;
        Prefix = Path.Combine(root, "prefix");
    }

    public string Root { get; }

    public string Prefix { get; }

    public string DataDir => Path.Combine(Prefix, "share", "jupyter");

    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Jupyter", name);

    /// <summary>Our kernelspec, installed with <c>workbook jupyter install --prefix</c> into <see cref="Prefix"/>.</summary>
    public async Task InstallKernelAsync()
    {
        var (code, _, err) = await CommandRunner.Run("jupyter", "install", "--prefix", Prefix);
        if (code != 0) throw new InvalidOperationException($"workbook jupyter install failed: {err}");
    }

    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>; kills it after <paramref name="timeout"/>.</summary>
    public async Task<(int Code, string Out, string Err)> Run(string file, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        if (!File.Exists(Python))
            throw new InvalidOperationException($"{Python} not found: apt-get install python3-jupyter-client python3-nbclient jupyter-nbconvert (as .ci/run does).");
        return await ExternalProcess.Run(file, args, timeout, workingDirectory ?? Root, new Dictionary<string, string>
        {
            ["JUPYTER_PATH"] = DataDir,
            ["JUPYTER_DATA_DIR"] = Path.Combine(Root, "data"),
            ["JUPYTER_CONFIG_DIR"] = Path.Combine(Root, "config"),
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(Root, "runtime"),
            ["PYTHONDONTWRITEBYTECODE"] = "1",   // keep the test output folder free of __pycache__
        });
    }
}
