using Workbook.Kernel;

namespace Workbook.Jupyter;

/// <summary>The kernel's execution state: one <see cref="KernelProcess"/> child (the same engine <c>workbook run</c>
/// uses), started in the background so kernel_info is answered at once. An interrupt kills the running cell's child
/// (Roslyn cannot stop running code in-process); then, as after a crash, a fresh child starts, and before the next
/// cell it runs again the cells that had run without error (<see cref="CellReplay"/>), so their variables and #r are
/// back; the next cell is told what happened.</summary>
public sealed class ChildSession : IAsyncDisposable
{
    private readonly string directory;
    private readonly CellReplay replay;
    private readonly CancellationTokenSource life = new();   // cancels a child still starting at shutdown
    private Task<KernelProcess> child;
    private CancellationTokenSource? running;
    private string? lost;   // why the child's state was lost (an interrupt, a crash), until the next cell restores it
    private const string Interrupted = "interrupted: the process running this cell was stopped; the next cell starts in a fresh one";

    /// <param name="directory">The cells' working directory (the notebook's folder).</param>
    /// <param name="replayBudget">How long the earlier cells may have taken, summed, for a fresh child to run them
    /// again (default <see cref="CellReplay.DefaultBudget"/>).</param>
    public ChildSession(string directory, TimeSpan? replayBudget = null)
    {
        this.directory = directory;
        replay = new CellReplay(replayBudget ?? CellReplay.DefaultBudget);
        child = Start();
    }

    private Task<KernelProcess> Start() => KernelProcess.StartAsync(directory, life.Token);

    /// <summary>Runs one cell; <paramref name="note"/> is the reset notice to show before its outputs, if any.</summary>
    public async Task<CellResult> RunAsync(string code, Action<string> note, Action<CellOutput> observe,
        Func<string, bool, CancellationToken, Task<string?>>? input = null)
    {
        KernelProcess process;
        try { process = await child; }
        catch (InvalidOperationException e)
        {
            child = Start();
            return Refused(e.Message, observe);
        }
        using var cancel = new CancellationTokenSource();
        Volatile.Write(ref running, cancel);
        CellResult result;
        try
        {
            if (Interlocked.Exchange(ref lost, null) is { } why)
                note(why + " " + await replay.RunAgainAsync(cell => process.RunAsync(cell, "csharp", null, cancel.Token, null, Interrupted)) + "\n");
            result = process.IsAlive
                ? await process.RunAsync(code, "csharp", null, cancel.Token, observe, Interrupted, input)
                : Refused("this cell did not run: restoring the earlier cells was stopped; run it again", observe);
        }
        finally { Volatile.Write(ref running, null); }
        if (result.Status == CellStatus.Ok) replay.Record(code, result.Elapsed);
        if (!process.IsAlive)
        {
            lost = cancel.IsCancellationRequested
                ? "The previous cell was interrupted: its process was stopped and a fresh one started."
                : "The previous cell's process died: a fresh one started.";
            await process.DisposeAsync();
            child = Start();
        }
        return result;
    }

    private static CellResult Refused(string why, Action<CellOutput> observe)
    {
        var output = KernelProtocol.Error(why);
        observe(new CellOutput(output, null, false, false));
        return new CellResult(CellStatus.Crashed, [output], why, TimeSpan.Zero);
    }

    /// <summary>Completions at <paramref name="position"/> (UTF-16 index) in the current state.</summary>
    public async Task<(IReadOnlyList<string> Matches, int Start, int End)> CompleteAsync(string code, int position)
    {
        try { return await (await child).CompleteAsync(code, position, TimeSpan.FromSeconds(10)); }
        catch (InvalidOperationException) { return ([], position, position); }
    }

    /// <summary>The signature at <paramref name="position"/> (UTF-16 index), or null.</summary>
    public async Task<string?> InspectAsync(string code, int position)
    {
        try { return await (await child).InspectAsync(code, position, TimeSpan.FromSeconds(10)); }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>Stops the running cell (or the replay before it), if any (a no-op when idle: clients interrupt before
    /// every shutdown).</summary>
    public void Interrupt() => Volatile.Read(ref running)?.Cancel();

    public async ValueTask DisposeAsync()
    {
        Interrupt();
        life.Cancel();
        try { await (await child).DisposeAsync(); }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException) { /* never started */ }
        life.Dispose();
    }
}
