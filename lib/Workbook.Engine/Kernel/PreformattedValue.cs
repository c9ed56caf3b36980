namespace Workbook.Kernel;

/// <summary>Text that is already in its final form for one mime type (from <c>DisplayAs</c>).</summary>
public sealed record PreformattedValue(string Text, string MimeType);
