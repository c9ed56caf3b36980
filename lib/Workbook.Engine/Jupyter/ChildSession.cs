using Workbook.Kernel;

namespace Workbook.Jupyter;

/// <summary>The kernel's execution state: one <see cref="KernelProcess"/> child (the same engine <c>workbook run</c>
/// uses), started in the background so kernel_info is answered at once. An interrupt kills the running cell's child
/// (Roslyn cannot stop running code in-process); then, as after a crash, a fresh child starts and the next cell is
/// told that earlier state is gone.</summary>
public sealed class ChildSession : IAsyncDisposable
{
    private readonly string directory;
    private readonly CancellationTokenSource life = new();   // cancels a child still starting at shutdown
    private Task<KernelProcess> child;
    private CancellationTokenSource? running;
    private string? resetNote;
    private const string Interrupted = "interrupted: the process running this cell was stopped; the next cell starts in a fresh one";

    public ChildSession(string directory)
    {
        this.directory = directory;
        child = Start();
    }

    private Task<KernelProcess> Start() => KernelProcess.StartAsync(directory, life.Token);

    /// <summary>Runs one cell; <paramref name="note"/> is the reset notice to show before its outputs, if any.</summary>
    public async Task<CellResult> RunAsync(string code, Action<string> note, Action<CellOutput> observe,
        Func<string, bool, CancellationToken, Task<string?>>? input = null)
    {
        if (Interlocked.Exchange(ref resetNote, null) is { } pending) note(pending);
        KernelProcess process;
        try { process = await child; }
        catch (InvalidOperationException e)
        {
            child = Start();
            var output = KernelProtocol.Error(e.Message);
            observe(new CellOutput(output, null, false, false));
            return new CellResult(CellStatus.Crashed, [output], e.Message, TimeSpan.Zero);
        }
        using var cancel = new CancellationTokenSource();
        Volatile.Write(ref running, cancel);
        CellResult result;
        try { result = await process.RunAsync(code, "csharp", null, cancel.Token, observe, Interrupted, input); }
        finally { Volatile.Write(ref running, null); }
        if (!process.IsAlive)
        {
            resetNote = cancel.IsCancellationRequested
                ? "The previous cell was interrupted: its process was stopped and a fresh one started. Variables and #r of earlier cells are gone; run them again.\n"
                : "The previous cell's process died: a fresh one started. Variables and #r of earlier cells are gone; run them again.\n";
            await process.DisposeAsync();
            child = Start();
        }
        return result;
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

    /// <summary>Stops the running cell, if any (a no-op when idle: clients interrupt before every shutdown).</summary>
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
