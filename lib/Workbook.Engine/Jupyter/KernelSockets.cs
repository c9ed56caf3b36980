using System.Text;
using NetMQ;
using NetMQ.Sockets;

namespace Workbook.Jupyter;

/// <summary>The five ZeroMQ sockets of a kernel, all owned by one poller thread: NetMQ sockets are not thread-safe
/// (interleaved frames show up as random signature errors in clients), so every send goes through one queue that
/// the poller drains in order. That single queue also keeps busy → outputs → reply → idle in the order enqueued.</summary>
public sealed class KernelSockets : IDisposable
{
    private sealed record Outgoing(KernelChannel Channel, List<byte[]>? Frames, TaskCompletionSource? Flushed);

    private readonly RouterSocket shell = new(), control = new(), stdin = new();
    private readonly PublisherSocket iopub = new();
    private readonly ResponseSocket heartbeat = new();
    private readonly NetMQQueue<Outgoing> outgoing = new();
    private readonly NetMQPoller poller;
    private readonly MessageSigner signer;
    private readonly TextWriter log;
    private readonly Action<KernelChannel, JupyterMessage> received;

    public KernelSockets(ConnectionInfo info, MessageSigner signer, TextWriter log, Action<KernelChannel, JupyterMessage> received)
    {
        this.signer = signer;
        this.log = log;
        this.received = received;
        iopub.Options.SendHighWatermark = 0;   // unlimited: a full PUB queue drops output silently
        foreach (var socket in new NetMQSocket[] { shell, control, stdin, iopub, heartbeat })
            socket.Options.Linger = TimeSpan.FromSeconds(1);   // the default 0 would discard a last shutdown_reply
        shell.Bind(info.Address(info.ShellPort));
        control.Bind(info.Address(info.ControlPort));
        stdin.Bind(info.Address(info.StdinPort));
        iopub.Bind(info.Address(info.IopubPort));
        heartbeat.Bind(info.Address(info.HbPort));
        shell.ReceiveReady += (_, e) => Receive(KernelChannel.Shell, e.Socket);
        control.ReceiveReady += (_, e) => Receive(KernelChannel.Control, e.Socket);
        stdin.ReceiveReady += (_, e) => Receive(KernelChannel.Stdin, e.Socket);
        heartbeat.ReceiveReady += (_, e) => Echo(e.Socket);
        outgoing.ReceiveReady += (_, e) => Drain(e.Queue);
        poller = new NetMQPoller { shell, control, stdin, heartbeat, outgoing };
    }

    public void Start() => poller.RunAsync("jupyter-sockets");

    /// <summary>Queues a signed message for <paramref name="channel"/>; safe from any thread.</summary>
    public void Send(KernelChannel channel, JupyterMessage message) => outgoing.Enqueue(new Outgoing(channel, message.ToFrames(signer), null));

    /// <summary>Completes once everything queued so far has been handed to the sockets.</summary>
    public Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        outgoing.Enqueue(new Outgoing(KernelChannel.Iopub, null, done));
        return done.Task;
    }

    private void Receive(KernelChannel channel, NetMQSocket socket)
    {
        var frames = new List<byte[]>();
        while (socket.TryReceiveMultipartBytes(ref frames))
        {
            var message = JupyterMessage.Parse(frames, signer, out var problem);
            if (message is null) { log.WriteLine($"workbook kernel: refused a message on {channel}: {problem}."); continue; }
            try { received(channel, message); }
            catch (Exception e) { log.WriteLine($"workbook kernel: {message.Type} on {channel} failed: {e}"); }
        }
    }

    private static void Echo(NetMQSocket socket)
    {
        var frames = new List<byte[]>();
        while (socket.TryReceiveMultipartBytes(ref frames)) socket.SendMultipartBytes(frames);
    }

    private void Drain(NetMQQueue<Outgoing> queue)
    {
        while (queue.TryDequeue(out var item, TimeSpan.Zero))
        {
            if (item.Frames is not null) SendFrames(SocketOf(item.Channel), item.Channel, item.Frames);
            item.Flushed?.TrySetResult();
        }
    }

    private static void SendFrames(NetMQSocket socket, KernelChannel channel, List<byte[]> frames)
    {
        // On iopub the frames before the delimiter are the topic; clients subscribe to everything.
        if (channel == KernelChannel.Iopub) socket.SendMoreFrame(Encoding.ASCII.GetBytes("kernel"));
        for (int i = 0; i < frames.Count - 1; i++) socket.SendMoreFrame(frames[i]);
        socket.SendFrame(frames[^1]);
    }

    private NetMQSocket SocketOf(KernelChannel channel) => channel switch
    {
        KernelChannel.Shell => shell,
        KernelChannel.Control => control,
        KernelChannel.Stdin => stdin,
        _ => iopub,
    };

    public void Dispose()
    {
        if (poller.IsRunning) poller.Stop();
        poller.Dispose();
        foreach (var socket in new NetMQSocket[] { shell, control, stdin, iopub, heartbeat }) socket.Dispose();
        outgoing.Dispose();
    }
}
