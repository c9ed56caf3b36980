namespace Seq2Seq.Data;

/// <summary>A dataset file could not be obtained; the message says which URL failed and how to supply the file
/// by hand (which folder, which environment variable).</summary>
public sealed class DatasetUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
