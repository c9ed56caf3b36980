namespace Workbook.Tests.Jupyter;

/// <summary>Our kernelspec installed with <c>workbook jupyter install --prefix TEMP</c>, and the tools pointed at it.</summary>
public sealed class KernelSpecFixture : IAsyncLifetime
{
    internal JupyterTools Tools { get; } = new(TestFiles.TempDir("jupyter"));

    public Task InitializeAsync() => Tools.InstallKernelAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
