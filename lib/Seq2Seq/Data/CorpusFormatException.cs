namespace Seq2Seq.Data;

/// <summary>A corpus file that cannot be used as it is; the message names the file and line.</summary>
public sealed class CorpusFormatException(string message) : Exception(message);
