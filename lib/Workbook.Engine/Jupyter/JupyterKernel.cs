using System.Text.Json.Nodes;
using System.Threading.Channels;
using Workbook.Kernel;

namespace Workbook.Jupyter;

/// <summary>A Jupyter kernel (messaging protocol 5.3) over the engine's child-process runner. Shell requests run one
/// at a time on a worker; control requests (kernel_info, interrupt, shutdown) are answered on the socket thread at
/// once, even while a cell runs. Every request is wrapped in busy/idle on iopub, idle last: clients take idle as
/// the end of a request's output, and nbclient's startup handshake needs iopub traffic after kernel_info.</summary>
public sealed class JupyterKernel
{
    private readonly string session = Guid.NewGuid().ToString("N");
    private readonly Channel<JupyterMessage> shellQueue = Channel.CreateUnbounded<JupyterMessage>();
    private readonly TaskCompletionSource shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TextWriter log;
    private readonly KernelSockets sockets;
    private readonly ChildSession child;
    private readonly ExecuteHandler execute;

    public JupyterKernel(ConnectionInfo connection, string directory, TextWriter log)
    {
        this.log = log;
        sockets = new KernelSockets(connection, new MessageSigner(connection.Key), log, OnMessage);
        child = new ChildSession(directory);
        execute = new ExecuteHandler(child, this);
    }

    /// <summary>Serves until a shutdown_request or <paramref name="stop"/> (SIGTERM); returns the exit code.</summary>
    public async Task<int> RunAsync(CancellationToken stop)
    {
        sockets.Start();
        var worker = Task.Run(ShellLoopAsync);
        using (stop.Register(() => shutdown.TrySetResult())) await shutdown.Task;
        shellQueue.Writer.TryComplete();
        child.Interrupt();
        await Task.WhenAny(worker, Task.Delay(TimeSpan.FromSeconds(1)));
        await child.DisposeAsync();
        await Task.WhenAny(sockets.FlushAsync(), Task.Delay(TimeSpan.FromSeconds(1)));
        sockets.Dispose();
        return 0;
    }

    /// <summary>Sends a reply to the request's identities on its channel.</summary>
    internal void Reply(KernelChannel channel, JupyterMessage request, string type, JsonObject content) =>
        sockets.Send(channel, JupyterMessage.Create(session, type, content, request));

    /// <summary>Publishes on iopub with the request as parent.</summary>
    internal void Publish(JupyterMessage parent, string type, JsonObject content) =>
        sockets.Send(KernelChannel.Iopub, JupyterMessage.Create(session, type, content, parent, []));

    private TaskCompletionSource<string?>? pendingInput;

    /// <summary>input_request on stdin, addressed with the execute request's identities, as the spec says;
    /// waits for the input_reply (or the interrupt that cancels the cell).</summary>
    internal async Task<string?> AskAsync(JupyterMessage request, string prompt, bool password, CancellationToken cancel)
    {
        var answer = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref pendingInput, answer);
        sockets.Send(KernelChannel.Stdin, JupyterMessage.Create(session, "input_request", new JsonObject { ["prompt"] = prompt, ["password"] = password }, request));
        try { return await answer.Task.WaitAsync(cancel); }
        finally { Interlocked.CompareExchange(ref pendingInput, null, answer); }
    }

    private void Status(JupyterMessage parent, string state) => Publish(parent, "status", new JsonObject { ["execution_state"] = state });

    private void OnMessage(KernelChannel channel, JupyterMessage message)
    {
        if (channel == KernelChannel.Shell) shellQueue.Writer.TryWrite(message);
        else if (channel == KernelChannel.Control) Handle(KernelChannel.Control, message);
        else if (message.Type == "input_reply")
            Volatile.Read(ref pendingInput)?.TrySetResult((message.Content["value"] as JsonValue)?.TryGetValue<string>(out var v) == true ? v : "");
    }

    private async Task ShellLoopAsync()
    {
        await foreach (var message in shellQueue.Reader.ReadAllAsync())
        {
            if (!await ProcessShellAsync(message) || !StopOnError(message)) continue;
            // As ipykernel: after a failed cell, the executes already queued (a "Run All") are aborted, not run.
            while (shellQueue.Reader.TryRead(out var queued))
            {
                if (queued.Type != "execute_request") { await ProcessShellAsync(queued); continue; }
                Status(queued, "busy");
                Reply(KernelChannel.Shell, queued, "execute_reply", new JsonObject { ["status"] = "aborted" });
                Status(queued, "idle");
            }
        }
    }

    /// <summary>Handles one shell request; true when it was an execute whose cell failed.</summary>
    private async Task<bool> ProcessShellAsync(JupyterMessage message)
    {
        if (message.Type is not ("execute_request" or "complete_request" or "inspect_request")) { Handle(KernelChannel.Shell, message); return false; }
        Status(message, "busy");
        try
        {
            if (message.Type == "execute_request") return await execute.HandleAsync(message);
            if (message.Type == "complete_request") await CompleteAsync(message);
            else await InspectAsync(message);
            return false;
        }
        catch (Exception e) { log.WriteLine($"workbook kernel: {message.Type} failed: {e}"); return false; }
        finally { Status(message, "idle"); }
    }

    private static bool StopOnError(JupyterMessage execute) =>
        execute.Content["stop_on_error"] is not JsonValue v || !v.TryGetValue<bool>(out var stop) || stop;   // default true

    /// <summary>complete_request: the child completes against the session's state.</summary>
    private async Task CompleteAsync(JupyterMessage message)
    {
        var code = Text(message.Content, "code");
        var cursor = (message.Content["cursor_pos"] as JsonValue)?.TryGetValue<int>(out var c) == true ? c : code.Length;
        var (matches, start, end) = await child.CompleteAsync(code, CodePoints.ToUtf16(code, cursor));
        Reply(KernelChannel.Shell, message, "complete_reply", new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray(matches.Select(m => (JsonNode?)m).ToArray()),
            ["cursor_start"] = CodePoints.FromUtf16(code, start),
            ["cursor_end"] = CodePoints.FromUtf16(code, end),
            ["metadata"] = new JsonObject(),
        });
    }

    /// <summary>inspect_request: the symbol's signature as text/plain (found false when there is none).</summary>
    private async Task InspectAsync(JupyterMessage message)
    {
        var code = Text(message.Content, "code");
        var cursor = (message.Content["cursor_pos"] as JsonValue)?.TryGetValue<int>(out var c) == true ? c : code.Length;
        var text = await child.InspectAsync(code, CodePoints.ToUtf16(code, cursor));
        var data = text is null ? new JsonObject() : new JsonObject { ["text/plain"] = text };
        Reply(KernelChannel.Shell, message, "inspect_reply", new JsonObject { ["status"] = "ok", ["found"] = text is not null, ["data"] = data, ["metadata"] = new JsonObject() });
    }

    private void Handle(KernelChannel channel, JupyterMessage message)
    {
        Status(message, "busy");
        try
        {
            var content = message.Content;
            switch (message.Type)
            {
                case "kernel_info_request": Reply(channel, message, "kernel_info_reply", KernelInfo.Content()); break;
                case "is_complete_request":
                    var status = SubmissionCompleteness.Check(Text(content, "code"), out var indent);
                    Reply(channel, message, "is_complete_reply", new JsonObject { ["status"] = status, ["indent"] = indent });
                    break;
                case "comm_info_request": Reply(channel, message, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() }); break;
                case "history_request": Reply(channel, message, "history_reply", new JsonObject { ["status"] = "ok", ["history"] = new JsonArray() }); break;
                case "interrupt_request":
                    child.Interrupt();
                    Reply(channel, message, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                    break;
                case "shutdown_request":
                    var restart = (content["restart"] as JsonValue)?.TryGetValue<bool>(out var r) == true && r;
                    Reply(channel, message, "shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = restart });
                    shutdown.TrySetResult();   // a restart is the client starting a new process
                    break;
                case "comm_open" or "comm_msg" or "comm_close": break;   // no comm targets: ignored, as the spec allows
                default: log.WriteLine($"workbook kernel: ignoring {message.Type} on {channel}."); break;
            }
        }
        finally { Status(message, "idle"); }
    }

    internal static string Text(JsonObject content, string name) =>
        (content[name] as JsonValue)?.TryGetValue<string>(out var s) == true ? s : "";
}
