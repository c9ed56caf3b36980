using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbook.Jupyter;

/// <summary>The connection file a Jupyter client writes for the kernel it starts: where to bind the five sockets and
/// the HMAC key. Only tcp: NetMQ's ipc is TCP on a hashed port, incompatible with libzmq's.</summary>
public sealed record ConnectionInfo(string Transport, string Ip, int ShellPort, int ControlPort, int IopubPort, int StdinPort,
    int HbPort, string Key, string SignatureScheme)
{
    public string Address(int port) => $"{Transport}://{Ip}:{port}";

    /// <summary>Reads and validates <paramref name="path"/>; the message of the <see cref="FormatException"/> names
    /// the file and what is wrong with it.</summary>
    public static ConnectionInfo Load(string path)
    {
        if (!File.Exists(path)) throw new FormatException($"connection file '{path}' does not exist.");
        JsonObject json;
        try { json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new FormatException($"connection file '{path}' is not a JSON object."); }
        catch (JsonException e) { throw new FormatException($"connection file '{path}' is not valid JSON: {e.Message}"); }
        string Text(string name, string? fallback = null) =>
            (json[name] as JsonValue)?.TryGetValue<string>(out var v) == true ? v
            : fallback ?? throw new FormatException($"connection file '{path}' has no \"{name}\".");
        int Port(string name) =>
            (json[name] as JsonValue)?.TryGetValue<int>(out var p) == true && p is > 0 and < 65536 ? p
            : throw new FormatException($"connection file '{path}': \"{name}\" must be a port number.");
        var info = new ConnectionInfo(Text("transport", "tcp"), Text("ip", "127.0.0.1"), Port("shell_port"), Port("control_port"),
            Port("iopub_port"), Port("stdin_port"), Port("hb_port"), Text("key", ""), Text("signature_scheme", "hmac-sha256"));
        if (info.Transport != "tcp")
            throw new FormatException($"connection file '{path}': transport \"{info.Transport}\" is not supported (only tcp).");
        if (info.Key.Length > 0 && info.SignatureScheme != "hmac-sha256")
            throw new FormatException($"connection file '{path}': signature scheme \"{info.SignatureScheme}\" is not supported (only hmac-sha256).");
        return info;
    }
}
