namespace Seq2Seq.Data;

/// <summary>A dataset file whose SHA-256 differs from the manifest. The file was not used.</summary>
public sealed class ChecksumMismatchException(string file, string expected, string actual, string whatHappened)
    : Exception($"{file}: SHA-256 mismatch: expected {expected}, got {actual}. {whatHappened}")
{
    public string File { get; } = file;
    public string Expected { get; } = expected;
    public string Actual { get; } = actual;
}
