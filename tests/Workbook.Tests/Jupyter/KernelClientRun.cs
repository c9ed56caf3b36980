namespace Workbook.Tests.Jupyter;

/// <summary>One run of kernel_client.py (jupyter_client driving our kernel through every scenario); the tests read
/// its "ok NAME" / "FAIL NAME: why" lines.</summary>
public sealed class KernelClientRun : IAsyncLifetime
{
    private readonly KernelSpecFixture spec = new();

    public string Out { get; private set; } = "";

    public string Err { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await spec.InitializeAsync();
        (_, Out, Err) = await spec.Tools.Run(JupyterTools.Python, [JupyterTools.Script("kernel_client.py")], TimeSpan.FromMinutes(15));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Asserts that <paramref name="scenario"/> passed, showing its failure and the kernel's log otherwise.</summary>
    public void AssertPassed(string scenario)
    {
        var lines = Out.Split('\n');
        if (lines.Any(l => l.StartsWith($"ok {scenario} ", StringComparison.Ordinal))) return;
        var failure = lines.FirstOrDefault(l => l.StartsWith($"FAIL {scenario}:", StringComparison.Ordinal)) ?? $"{scenario} did not run";
        Assert.Fail($"{failure}\n--- client output:\n{Out}\n--- stderr (kernel log):\n{Err[^Math.Min(Err.Length, 4000)..]}");
    }
}
