namespace Workbook.Tests.Jupyter;

/// <summary>Jupyter itself finds the installed kernelspec (what <c>jupyter kernelspec list</c> prints).</summary>
[Collection(JupyterCollection.Name)]
public sealed class KernelspecListTests(KernelSpecFixture spec) : IClassFixture<KernelSpecFixture>
{
    [Fact]
    public async Task JupyterListsTheInstalledKernel()
    {
        var (code, stdout, stderr) = await spec.Tools.Run(JupyterTools.Python, ["-m", "jupyter_client.kernelspecapp", "list"], TimeSpan.FromMinutes(1));
        Assert.True(code == 0, stderr);
        Assert.Contains(".net-csharp", stdout);
        Assert.Contains(spec.Tools.DataDir, stdout);
    }
}
