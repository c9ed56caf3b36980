namespace Workbook.Cli;

/// <summary>A usage error: the message says which argument is wrong; the verb's usage is printed after it and the
/// exit code is 2. Thrown by a verb for what the parser cannot check alone (two options that exclude each other,
/// a value out of range given the run folder, ...).</summary>
public sealed class UsageException(string message) : Exception(message);
