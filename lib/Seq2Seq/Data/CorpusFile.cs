using System.IO.Compression;
using System.Text;

namespace Seq2Seq.Data;

/// <summary>Reads a corpus file line by line as raw bytes (gunzipping <c>*.gz</c>), so a line that is not valid
/// UTF-8 can be reported by number instead of being replaced by U+FFFD on the quiet.</summary>
public static class CorpusFile
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The lines of <paramref name="path"/> (1-based numbers; "\r\n" and "\n" endings; a UTF-8 BOM is
    /// ignored). A line that is not valid UTF-8 has <c>Text == null</c>.</summary>
    public static List<(int Line, string? Text)> ReadLines(string path)
    {
        byte[] bytes;
        try { bytes = ReadAllBytes(path); }
        catch (InvalidDataException e) { throw new CorpusFormatException($"{path}: not a valid gzip file ({e.Message})."); }
        var lines = new List<(int, string?)>();
        int start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        int number = 0;
        while (start < bytes.Length)
        {
            int end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0) end = bytes.Length;
            int len = end - start;
            if (len > 0 && bytes[start + len - 1] == '\r') len--;
            string? text;
            try { text = Strict.GetString(bytes, start, len); }
            catch (DecoderFallbackException) { text = null; }
            lines.Add((++number, text));
            start = end + 1;
        }
        return lines;
    }

    /// <summary>All bytes of a file, gunzipped when its name ends in .gz.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) return File.ReadAllBytes(path);
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }
}
