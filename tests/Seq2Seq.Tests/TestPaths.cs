namespace Seq2Seq.Tests;

/// <summary>Locations of committed project files the tests read.</summary>
internal static class TestPaths
{
    public static string Root { get; } = Seq2Seq.Data.DataSource.FindRepositoryRoot()
        ?? throw new InvalidOperationException("cannot find the repository root (Seq2Seq.slnx) above the test binaries.");

    public static string Datasets => Path.Combine(Root, "datasets");
}
