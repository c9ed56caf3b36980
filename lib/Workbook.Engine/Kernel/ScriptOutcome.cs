namespace Workbook.Kernel;

/// <summary>Result of one C# submission. <see cref="Error"/> is null on success; for a compile error it is the
/// diagnostics ("(2,5): error CS0103: ...", one per line; the script state is unchanged), for a runtime
/// exception its ToString() (the state advanced, as in the kernel).</summary>
public sealed record ScriptOutcome(string? Error, bool IsCompileError, bool HasValue, object? Value);
