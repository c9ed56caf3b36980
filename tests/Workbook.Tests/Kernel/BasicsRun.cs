using System.Text.Json.Nodes;
using Workbook.Tests.Cli;

namespace Workbook.Tests.Kernel;

/// <summary>Runs Fixtures/basics.ipynb once with --out (one kernel child) and shares the results between tests.</summary>
public sealed class BasicsRun : IAsyncLifetime
{
    public string OutDir { get; } = TestFiles.TempDir("basics");
    public int Code { get; private set; }
    public string Out { get; private set; } = "";
    public string Err { get; private set; } = "";
    public JsonObject Executed { get; private set; } = new();
    public string Html { get; private set; } = "";

    public async Task InitializeAsync()
    {
        (Code, Out, Err) = await CommandRunner.Run("run", TestFiles.Fixture("basics.ipynb"), "--out", OutDir, "--timeout", "120");
        Executed = JsonNode.Parse(File.ReadAllText(Path.Combine(OutDir, "basics.ipynb")))!.AsObject();
        Html = File.ReadAllText(Path.Combine(OutDir, "basics.html"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Outputs of the cell at 0-based index <paramref name="cell"/>.</summary>
    public JsonArray Outputs(int cell) => Executed["cells"]![cell]!["outputs"]!.AsArray();
}
