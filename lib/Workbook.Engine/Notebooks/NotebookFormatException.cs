namespace Workbook.Notebooks;

/// <summary>A notebook file that is not valid nbformat 4 JSON. The message names the file and, for JSON syntax
/// errors, the 1-based line and column.</summary>
public sealed class NotebookFormatException(string message, Exception? inner = null) : Exception(message, inner);
