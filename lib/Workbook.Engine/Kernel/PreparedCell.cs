namespace Workbook.Kernel;

/// <summary>A cell after its directives were handled: the segments to run, the packages requested,
/// whether <c>#!time</c> asked for the wall time, and notes to show in the cell's output (e.g. a CUDA package
/// served by the CPU build).</summary>
public sealed record PreparedCell(IReadOnlyList<CellSegment> Segments, IReadOnlyList<PackageReference> Packages, bool Time,
    IReadOnlyList<string>? Notes = null);
