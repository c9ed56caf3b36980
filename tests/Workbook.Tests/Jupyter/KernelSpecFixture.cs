using Workbook.Tests.Cli;

namespace Workbook.Tests.Jupyter;

/// <summary>Our kernelspec installed with <c>workbook jupyter install --prefix TEMP</c>, and the tools pointed at it.</summary>
public sealed class KernelSpecFixture : IAsyncLifetime
{
    internal JupyterTools Tools { get; } = new(TestFiles.TempDir("jupyter"));

    public async Task InitializeAsync()
    {
        var (code, _, err) = await CommandRunner.Run("jupyter", "install", "--prefix", Tools.Prefix);
        if (code != 0) throw new InvalidOperationException($"workbook jupyter install failed: {err}");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
