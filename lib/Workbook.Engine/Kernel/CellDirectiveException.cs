namespace Workbook.Kernel;

/// <summary>A directive the runner cannot honour (unknown package or version, unsupported kernel or magic).
/// The message names the directive and its line in the cell.</summary>
public sealed class CellDirectiveException(string message) : Exception(message);
