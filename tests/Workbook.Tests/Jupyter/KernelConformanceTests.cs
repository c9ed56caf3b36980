namespace Workbook.Tests.Jupyter;

/// <summary>The Jupyter project's kernel conformance suite (jupyter_kernel_test) against our kernel: every reply and
/// iopub message is validated against the messaging spec's schemas. The checks it skips are the optional parts we
/// do not implement (pager, history, clear_output).</summary>
[Collection(JupyterCollection.Name)]
public sealed class KernelConformanceTests(KernelSpecFixture spec) : IClassFixture<KernelSpecFixture>
{
    [Fact]
    public async Task JupyterKernelTestPasses()
    {
        var (code, stdout, stderr) = await spec.Tools.Run(JupyterTools.Python, ["-m", "unittest", "-v", "kernel_conformance"],
            TimeSpan.FromMinutes(5), workingDirectory: Path.GetDirectoryName(JupyterTools.Script("kernel_conformance.py")));
        Assert.True(code == 0, $"jupyter_kernel_test failed (apt-get install python3-jupyter-kernel-test):\n{stderr}\n{stdout}");
        foreach (var name in new[] { "kernel_info", "execute_stdout", "execute_stderr", "completion", "is_complete", "error", "execute_result", "display_data", "inspect" })
            Assert.Matches($@"test_{name} \(.*\) \.\.\. ok", stderr);
    }
}
