namespace Workbook.Tests;

/// <summary>Paths of fixture notebooks (copied to the test output) and scratch folders.</summary>
internal static class TestFiles
{
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Fixture(string name) => Path.Combine(Fixtures, name);

    /// <summary>A fresh empty folder under the system temp directory.</summary>
    public static string TempDir(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "workbook-tests", $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>The repository root (the folder holding Seq2Seq.slnx above the test output).</summary>
    public static string RepoRoot => Seq2Seq.Data.DataSource.FindRepositoryRoot()
        ?? throw new InvalidOperationException("repository root (Seq2Seq.slnx) not found above " + AppContext.BaseDirectory);
}
