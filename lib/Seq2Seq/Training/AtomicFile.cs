namespace Seq2Seq.Training;

/// <summary>Replaces a file all-or-nothing: write a temp file in the same folder (same file system, so the
/// rename is atomic on POSIX and NTFS), flush it to disk, then rename it over the target. If writing fails
/// the temp file is deleted and the previous target is untouched.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, atomically.</summary>
    public static void Write(string path, Action<Stream> write) => Write(path, write, wrap: null);

    /// <summary>Writes text atomically (UTF-8).</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, s => { using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true); w.Write(text); });

    /// <param name="path">The file to replace.</param>
    /// <param name="write">Writes the complete new content.</param>
    /// <param name="wrap">Test hook: wraps the file stream (e.g. to fail half-way through the write).</param>
    internal static void Write(string path, Action<Stream> write, Func<Stream, Stream>? wrap)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var stream = wrap?.Invoke(file) ?? file;
                write(stream);
                stream.Flush();
                file.Flush(flushToDisk: true);   // fsync: the data is on disk before the rename publishes it
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { /* best effort: a stray temp file is harmless */ }
            throw;
        }
    }
}
