using Workbook.Kernel;

namespace Workbook.Grading;

/// <summary>A kernel child that comes back: after a cell timed out, crashed (stack overflow, <c>Environment.Exit</c>)
/// or was killed, the next cell first starts a fresh <see cref="KernelProcess"/> and replays, in order, the cells
/// marked for replay that succeeded before (setup and solution cells), each under the time limit it first ran with. A replayed
/// cell that no longer succeeds is dropped from the replay list (and reported), so a restart never loops.</summary>
public sealed class ReplayingKernel(string directory) : IAsyncDisposable
{
    private readonly List<(string Code, TimeSpan Timeout)> replay = [];
    private KernelProcess? kernel;

    /// <summary>How many times a fresh kernel was started after the first.</summary>
    public int Restarts { get; private set; }

    /// <summary>What went wrong while replaying (empty when every replay succeeded).</summary>
    public List<string> ReplayProblems { get; } = [];

    /// <summary>Runs <paramref name="code"/> within <paramref name="timeout"/>; when it succeeds and <paramref name="keep"/>
    /// is set it is replayed after a restart.</summary>
    public async Task<CellResult> RunAsync(string code, TimeSpan timeout, bool keep, CancellationToken cancel)
    {
        if (kernel is null || !kernel.IsAlive) await StartAsync(cancel);
        var result = await kernel!.RunAsync(code, "csharp", timeout, cancel);
        if (keep && result.Status == CellStatus.Ok) replay.Add((code, timeout));
        return result;
    }

    private async Task StartAsync(CancellationToken cancel)
    {
        if (kernel is not null) { await kernel.DisposeAsync(); Restarts++; }
        kernel = await KernelProcess.StartAsync(directory, cancel);
        for (int i = 0; i < replay.Count; i++)
        {
            if (!kernel.IsAlive) { await kernel.DisposeAsync(); kernel = await KernelProcess.StartAsync(directory, cancel); Restarts++; i = -1; continue; }
            var result = await kernel.RunAsync(replay[i].Code, "csharp", replay[i].Timeout, cancel);
            if (result.Status == CellStatus.Ok) continue;
            ReplayProblems.Add($"replaying a cell after a restart ended {result.Status}: {Short(result.Error)}");
            replay.RemoveAt(i);
            i = -1;   // start over on a fresh kernel without it (the failed one may have killed this one)
            await kernel.DisposeAsync();
            kernel = await KernelProcess.StartAsync(directory, cancel);
            Restarts++;
        }
    }

    private static string Short(string? error) => (error ?? "").Split('\n')[0];

    public async ValueTask DisposeAsync()
    {
        if (kernel is not null) await kernel.DisposeAsync();
    }
}
