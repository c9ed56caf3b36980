namespace Workbook.Kernel;

/// <summary>A <c>#r "nuget: Name[, Version]"</c> directive: the requested version (null when absent) and the line.</summary>
public sealed record PackageReference(string Name, string? Version, int Line);
