using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Workbook.Kernel;

/// <summary>The parent's handle on one kernel child process (<c>dotnet workbook.dll kernel</c>), one per notebook.
/// Running a cell sends its code and collects outputs until the child reports it done; a cell over the timeout
/// kills the child (a tight loop cannot be cancelled in-process), and a dead child is reported, never awaited forever.</summary>
public sealed class KernelProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<JsonObject> events = Channel.CreateUnbounded<JsonObject>();
    private readonly StringBuilder nativeStderr = new();
    private readonly Task stdoutPump;

    private KernelProcess(Process process)
    {
        this.process = process;
        stdoutPump = Task.Run(PumpStdoutAsync);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (nativeStderr) nativeStderr.Append(e.Data).Append('\n'); };
        process.BeginErrorReadLine();
    }

    private const string Gen0SizeVariable = "DOTNET_GCgen0size";

    /// <summary>Starts a kernel whose working directory and #r/#load base are <paramref name="directory"/>.</summary>
    public static async Task<KernelProcess> StartAsync(string directory, CancellationToken cancel)
    {
        var info = new ProcessStartInfo(DotnetHost(), [HostApplication.AssemblyPath, "kernel"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            StandardInputEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
            WorkingDirectory = directory,
            Environment = { [ParentWatch.Variable] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        // TorchSharp 0.107 passes an implicitly created Scalar's raw handle to libtorch and lets the Scalar's finalizer
        // free it; a garbage collection (started by another thread) during that native call can free it too early
        // (seen once in ~10 runs of notebook 07: "Expected false to be true … toFloat at c10/core/Scalar.h"). A 256 MB
        // gen0 budget makes collections, and so that window, rare (measured: 6 → 0 gen0 collections in a 200,000-op
        // loop). Upstream fix pending: dotnet/TorchSharp#1434, #1496.
        if (Environment.GetEnvironmentVariable(Gen0SizeVariable) is null) info.Environment[Gen0SizeVariable] = "0x10000000";
        Process process;
        try { process = Process.Start(info) ?? throw new InvalidOperationException("Process.Start returned null"); }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"could not start the kernel process '{info.FileName} {string.Join(' ', info.ArgumentList)}': {e.Message}", e);
        }
        var kernel = new KernelProcess(process);
        await kernel.SendAsync(new JsonObject { ["op"] = "init", ["dir"] = directory });
        JsonObject? ready;
        try { ready = await kernel.NextEventAsync(TimeSpan.FromMinutes(2), cancel); }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await kernel.DisposeAsync();
            throw;
        }
        if (ready?["ev"]?.GetValue<string>() == KernelProtocol.Ready && ready["error"] is null) return kernel;
        var why = ready?["error"]?.GetValue<string>() ?? kernel.Tail();
        await kernel.DisposeAsync();
        throw new InvalidOperationException($"the kernel process did not start: {why}");
    }

    /// <summary>The dotnet host: DOTNET_HOST_PATH, else this process when it is dotnet, else $DOTNET_ROOT/dotnet,
    /// else "dotnet" on PATH.</summary>
    public static string DotnetHost()
    {
        var fromEnv = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv)) return fromEnv;
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        var rooted = root is null ? null : Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return rooted is not null && File.Exists(rooted) ? rooted : "dotnet";
    }

    /// <summary>Runs one cell of kernel <paramref name="kernel"/> ("csharp" or "markdown") with an optional time limit.
    /// <paramref name="observe"/> sees each output as it arrives. Cancelling kills the child (the cell ends Failed,
    /// "cancelled"): Roslyn cannot stop running script code, so this is how a cell is interrupted. <paramref name="input"/>
    /// answers the cell's Console.ReadLine (prompt, password); without it ReadLine gets null (end of input).</summary>
    public async Task<CellResult> RunAsync(string code, string kernel, TimeSpan? timeout, CancellationToken cancel,
        Action<CellOutput>? observe = null, string cancelMessage = "cancelled", Func<string, bool, CancellationToken, Task<string?>>? input = null)
    {
        var clock = Stopwatch.StartNew();
        var outputs = new OutputList(observe);
        lock (nativeStderr) nativeStderr.Clear();
        await SendAsync(new JsonObject { ["op"] = "run", ["code"] = code, ["kernel"] = kernel });
        while (true)
        {
            var left = timeout is { } t ? t - clock.Elapsed : (TimeSpan?)null;
            if (left is { } l && l <= TimeSpan.Zero) return Kill(outputs, clock, CellStatus.TimedOut, $"cell timed out after {timeout!.Value.TotalSeconds:0.#} s and was stopped");
            JsonObject? message;
            try { message = await NextEventAsync(left, cancel); }
            catch (OperationCanceledException) { return Kill(outputs, clock, CellStatus.Failed, cancelMessage); }
            if (message is null)
            {
                if (events.Reader.Completion.IsCompleted)
                {
                    await process.WaitForExitAsync(CancellationToken.None);
                    var detail = Tail();
                    if (detail.Length > 0) outputs.Add(KernelProtocol.Stream("stderr", detail), null, false);
                    var why = $"the kernel process exited with code {process.ExitCode} while running this cell" + (detail.Length > 0 ? $": {detail.Trim()}" : "");
                    outputs.Add(KernelProtocol.Error(why), null, false);
                    return new CellResult(CellStatus.Crashed, outputs.Items, why, clock.Elapsed);
                }
                continue; // timeout tick: re-check above
            }
            switch (message["ev"]?.GetValue<string>())
            {
                case KernelProtocol.Output:
                case KernelProtocol.Update:
                    outputs.Add(message["output"]!.AsObject(), message["display_id"]?.GetValue<string>(),
                        message["ev"]!.GetValue<string>() == KernelProtocol.Update, message["result"]?.GetValue<bool>() is true);
                    break;
                case KernelProtocol.Input:
                    string? line = null;
                    try { if (input is not null) line = await input(message["prompt"]?.GetValue<string>() ?? "", message["password"]?.GetValue<bool>() is true, cancel); }
                    catch (OperationCanceledException) { return Kill(outputs, clock, CellStatus.Failed, cancelMessage); }
                    await SendAsync(new JsonObject { ["op"] = "input", ["value"] = line });
                    break;
                case KernelProtocol.Done:
                    AppendNativeStderr(outputs);
                    var error = message["error"]?.GetValue<string>();
                    return new CellResult(error is null ? CellStatus.Ok : CellStatus.Failed, outputs.Items, error, clock.Elapsed);
            }
        }
    }

    /// <summary>Names completing the word at <paramref name="position"/> (UTF-16 index) given the session's state, and
    /// the span they replace; empty when the child does not answer within <paramref name="timeout"/>.</summary>
    public async Task<(IReadOnlyList<string> Matches, int Start, int End)> CompleteAsync(string code, int position, TimeSpan timeout)
    {
        var answer = await QueryAsync(new JsonObject { ["op"] = "complete", ["code"] = code, ["pos"] = position }, KernelProtocol.Completions, timeout);
        if (answer is null) return ([], position, position);
        var matches = answer["matches"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        return (matches, answer["start"]!.GetValue<int>(), answer["end"]!.GetValue<int>());
    }

    /// <summary>The signature (and type) of the name at <paramref name="position"/>, or null.</summary>
    public async Task<string?> InspectAsync(string code, int position, TimeSpan timeout)
    {
        var answer = await QueryAsync(new JsonObject { ["op"] = "inspect", ["code"] = code, ["pos"] = position }, KernelProtocol.Inspection, timeout);
        return answer?["text"]?.GetValue<string>();
    }

    /// <summary>Sends a request that is answered by one event of kind <paramref name="ev"/> (between cells only).</summary>
    private async Task<JsonObject?> QueryAsync(JsonObject request, string ev, TimeSpan timeout)
    {
        await SendAsync(request);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && await NextEventAsync(timeout - clock.Elapsed, CancellationToken.None) is { } message)
            if (message["ev"]?.GetValue<string>() == ev) return message;   // anything else is stray native output
        return null;
    }

    /// <summary>Whether the child process is still running (false after a crash, a timeout or a cancelled cell).</summary>
    public bool IsAlive => !killed && !process.HasExited;

    private bool killed;   // HasExited turns true only once the killed child is reaped

    private CellResult Kill(OutputList outputs, Stopwatch clock, CellStatus status, string why)
    {
        killed = true;
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        outputs.Add(KernelProtocol.Error(why), null, false);
        return new CellResult(status, outputs.Items, why, clock.Elapsed);
    }

    private void AppendNativeStderr(OutputList outputs)
    {
        string text;
        lock (nativeStderr) { text = nativeStderr.ToString(); nativeStderr.Clear(); }
        if (text.Length > 0) outputs.Add(KernelProtocol.Stream("stderr", text), null, false);
    }

    private string Tail()
    {
        lock (nativeStderr)
        {
            var text = nativeStderr.ToString();
            if (text.Length <= 4000) return text;
            // The first line says what happened ("Stack overflow.", "Unhandled exception. …"); the end, where.
            var first = text.IndexOf('\n') is var n and > 0 and < 300 ? text[..n] : text[..Math.Min(300, text.Length)];
            return first + "\n…\n" + text[^4000..];
        }
    }

    private async Task SendAsync(JsonObject request)
    {
        try
        {
            await process.StandardInput.WriteLineAsync(request.ToJsonString());
            await process.StandardInput.FlushAsync();
        }
        catch (IOException) { /* child gone: the event loop reports the exit */ }
    }

    /// <summary>The next event, or null on timeout / when the child's stdout closed.</summary>
    private async Task<JsonObject?> NextEventAsync(TimeSpan? timeout, CancellationToken cancel)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (timeout is { } t) limit.CancelAfter(t);
        try
        {
            return await events.Reader.WaitToReadAsync(limit.Token) && events.Reader.TryRead(out var m) ? m : null;
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested) { return null; }
    }

    /// <summary>Splits the child's stdout into protocol events and native text (sent on as stdout stream outputs).</summary>
    private async Task PumpStdoutAsync()
    {
        try
        {
            var reader = process.StandardOutput;
            while (await reader.ReadLineAsync() is { } line)
            {
                var at = line.IndexOf(KernelProtocol.Prefix, StringComparison.Ordinal);
                var message = at < 0 ? null : TryParse(line[(at + KernelProtocol.Prefix.Length)..]);
                // Text before the prefix (or a whole line without one, or a mangled protocol line) is native stdout.
                var native = message is null ? line + "\n" : line[..at];
                if (native.Length > 0)
                    await events.Writer.WriteAsync(new JsonObject { ["ev"] = KernelProtocol.Output, ["output"] = KernelProtocol.Stream("stdout", native) });
                if (message is not null) await events.Writer.WriteAsync(message);
            }
        }
        finally
        {
            events.Writer.TryComplete(); // a closed or broken pipe ends the cell as a crash, never a hang
        }
    }

    private static JsonObject? TryParse(string json)
    {
        try { return JsonNode.Parse(json) as JsonObject; }
        catch (System.Text.Json.JsonException) { return null; }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await SendAsync(new JsonObject { ["op"] = "exit" });
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } }
        }
        try { await stdoutPump; } catch (Exception) { /* reported through events */ }
        process.Dispose();
    }
}
