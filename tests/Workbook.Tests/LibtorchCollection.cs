namespace Workbook.Tests;

/// <summary>Test classes that use libtorch inside the test process run alone, never beside each other: libtorch's
/// thread count is process-wide, and a bench or training test that changes it mid-way through another test's
/// training run breaks that run's bitwise reproducibility (seen: a resumed run differing from an uninterrupted one
/// only when the bench test happened to run at the same time). Notebook runs use child processes and may overlap.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LibtorchCollection
{
    public const string Name = "In-process libtorch";
}
