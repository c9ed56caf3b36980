using System.Security.Cryptography;

namespace Workbook.Jupyter;

/// <summary>HMAC-SHA256 over the four serialized dicts (header, parent, metadata, content), lower-case hex, as
/// jupyter_client signs. An empty key turns signing off (empty signature, nothing checked).</summary>
public sealed class MessageSigner(string key)
{
    private readonly byte[] keyBytes = System.Text.Encoding.UTF8.GetBytes(key);

    public bool Enabled => keyBytes.Length > 0;

    public string Sign(IReadOnlyList<byte[]> parts)
    {
        if (!Enabled) return "";
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, keyBytes);
        foreach (var part in parts) hmac.AppendData(part);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Checks a received signature against the raw frames (never re-serialized JSON), in constant time.</summary>
    public bool Verify(string signature, IReadOnlyList<byte[]> parts)
    {
        if (!Enabled) return true;
        var expected = System.Text.Encoding.ASCII.GetBytes(Sign(parts));
        var actual = System.Text.Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
