using System.Xml.Linq;

namespace Workbook.Notebooks;

/// <summary>The package versions pinned in a Directory.Packages.props (central package management).</summary>
public sealed class CentralPackages(string path, IReadOnlyDictionary<string, string> versions)
{
    public string Path { get; } = path;

    /// <summary>Package name (case-insensitive) → pinned version.</summary>
    public IReadOnlyDictionary<string, string> Versions { get; } = versions;

    /// <summary>The nearest Directory.Packages.props at or above <paramref name="directory"/>, or null.</summary>
    public static CentralPackages? Find(string directory)
    {
        for (var dir = new DirectoryInfo(System.IO.Path.GetFullPath(directory)); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "Directory.Packages.props");
            if (File.Exists(candidate)) return Load(candidate);
        }
        return null;
    }

    public static CentralPackages Load(string path)
    {
        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in XDocument.Load(path).Descendants().Where(e => e.Name.LocalName == "PackageVersion"))
        {
            var name = item.Attribute("Include")?.Value;
            var version = item.Attribute("Version")?.Value;
            if (name is not null && version is not null) versions[name] = version;
        }
        return new CentralPackages(path, versions);
    }
}
