using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Workbook.Jupyter;

/// <summary>One message of the Jupyter messaging protocol 5.3 and its wire form:
/// <c>[identities…] "&lt;IDS|MSG&gt;" hmac header parent_header metadata content [buffers…]</c>.</summary>
public sealed record JupyterMessage(IReadOnlyList<byte[]> Identities, JsonObject Header, JsonObject ParentHeader, JsonObject Metadata, JsonObject Content)
{
    public const string ProtocolVersion = "5.3";
    private static readonly byte[] Delimiter = Encoding.ASCII.GetBytes("<IDS|MSG>");
    // HTML outputs are large: keep '<', '>' and non-ASCII as they are instead of \uXXXX escapes.
    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Type => (Header["msg_type"] as JsonValue)?.TryGetValue<string>(out var t) == true ? t : "";

    /// <summary>Parses received frames; null (with the reason) when the delimiter, the signature or the JSON is bad.</summary>
    public static JupyterMessage? Parse(IReadOnlyList<byte[]> frames, MessageSigner signer, out string? problem)
    {
        problem = null;
        var at = -1;
        for (int i = 0; i < frames.Count && at < 0; i++) if (frames[i].AsSpan().SequenceEqual(Delimiter)) at = i;
        if (at < 0 || frames.Count < at + 6) { problem = "no <IDS|MSG> delimiter followed by signature and four parts"; return null; }
        var parts = frames.Skip(at + 2).Take(4).ToList();
        if (!signer.Verify(Encoding.ASCII.GetString(frames[at + 1]), parts)) { problem = "invalid signature"; return null; }
        try
        {
            var dicts = parts.Select(p => JsonNode.Parse(p) as JsonObject ?? new JsonObject()).ToList();
            return new JupyterMessage(frames.Take(at).ToList(), dicts[0], dicts[1], dicts[2], dicts[3]);
        }
        catch (System.Text.Json.JsonException e) { problem = $"malformed JSON: {e.Message}"; return null; }
    }

    /// <summary>A new message of <paramref name="type"/> answering <paramref name="parent"/> (its header becomes the
    /// parent header; replies go back to its identities unless others are given).</summary>
    public static JupyterMessage Create(string session, string type, JsonObject content, JupyterMessage? parent, IReadOnlyList<byte[]>? identities = null)
    {
        var header = new JsonObject
        {
            ["msg_id"] = Guid.NewGuid().ToString("N"),  // fresh per message: clients reject a repeated signature
            ["session"] = session,
            ["username"] = "kernel",
            // At most 6 fractional digits: jupyter_client's date pattern does not parse .NET's 7.
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            ["msg_type"] = type,
            ["version"] = ProtocolVersion,  // without it clients adapt the message from protocol 4 and fail
        };
        var parentHeader = parent?.Header.DeepClone().AsObject() ?? new JsonObject();
        return new JupyterMessage(identities ?? parent?.Identities ?? [], header, parentHeader, new JsonObject(), content);
    }

    /// <summary>The frames to send, signed.</summary>
    public List<byte[]> ToFrames(MessageSigner signer)
    {
        var parts = new[] { Header, ParentHeader, Metadata, Content }.Select(d => Encoding.UTF8.GetBytes(d.ToJsonString(Json))).ToList();
        var frames = new List<byte[]>(Identities);
        frames.Add(Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(signer.Sign(parts)));
        frames.AddRange(parts);
        return frames;
    }
}
