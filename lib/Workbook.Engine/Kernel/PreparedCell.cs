namespace Workbook.Kernel;

/// <summary>A cell after its directives were handled: the segments to run, the packages requested,
/// and whether <c>#!time</c> asked for the wall time.</summary>
public sealed record PreparedCell(IReadOnlyList<CellSegment> Segments, IReadOnlyList<PackageReference> Packages, bool Time);
