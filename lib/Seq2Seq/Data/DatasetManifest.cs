namespace Seq2Seq.Data;

/// <summary>The expected SHA-256 of each file of a downloadable dataset, in <c>sha256sum</c> format
/// ("hex  name" per line). The project commits the manifest, never the data.</summary>
public sealed class DatasetManifest
{
    private readonly Dictionary<string, string> hashes;

    private DatasetManifest(Dictionary<string, string> hashes) => this.hashes = hashes;

    public IReadOnlyDictionary<string, string> Sha256 => hashes;

    /// <summary>Parses sha256sum output; <paramref name="origin"/> names the source in error messages.</summary>
    public static DatasetManifest Parse(string text, string origin)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || parts[0].Length != 64 || !parts[0].All(Uri.IsHexDigit))
                throw new FormatException($"{origin}:{i + 1}: expected '<64 hex digits>  <file name>', got '{line}'.");
            hashes[parts[1].TrimStart('*')] = parts[0].ToLowerInvariant();
        }
        return new DatasetManifest(hashes);
    }

    /// <summary>A manifest embedded in this assembly (from <c>datasets/</c> at build time).</summary>
    public static DatasetManifest FromResource(string logicalName)
    {
        using var stream = typeof(DatasetManifest).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"embedded manifest '{logicalName}' is missing from the Seq2Seq assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), logicalName);
    }

    public string ExpectedSha256(string fileName) => hashes.TryGetValue(fileName, out var h) ? h
        : throw new ArgumentException($"'{fileName}' is not in the dataset manifest (known: {string.Join(", ", hashes.Keys)}).");

    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }
}
