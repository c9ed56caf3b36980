using System.Text.Json.Nodes;

namespace Workbook.Kernel;

/// <summary>The NuGet packages the runner itself carries (read from workbook.deps.json): a notebook's
/// <c>#r "nuget: ..."</c> is satisfied by these instead of a restore, so notebooks run against exactly them.</summary>
public sealed class CarriedPackages
{
    private readonly Dictionary<string, string> versions;
    private readonly HashSet<string> direct;

    /// <summary>Package name (case-insensitive) → version; <paramref name="directNames"/> are the packages the
    /// runner references itself (listed in error messages; transitive ones may be requested too).</summary>
    public CarriedPackages(IReadOnlyDictionary<string, string> packages, IEnumerable<string>? directNames = null)
    {
        versions = new Dictionary<string, string>(packages, StringComparer.OrdinalIgnoreCase);
        direct = new HashSet<string>(directNames ?? packages.Keys, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyDictionary<string, string> Versions => versions;

    /// <summary>Reads the <c>libraries</c> of type "package" from a deps.json file.</summary>
    public static CarriedPackages FromDepsFile(string depsJsonPath)
    {
        var deps = JsonNode.Parse(File.ReadAllText(depsJsonPath));
        var root = deps?["libraries"] as JsonObject
            ?? throw new InvalidOperationException($"{depsJsonPath} has no \"libraries\" section.");
        var packages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? project = null;
        foreach (var (key, value) in root)
        {
            var slash = key.IndexOf('/');
            if (slash <= 0) continue;
            var type = value?["type"]?.GetValue<string>();
            if (type == "package") packages[key[..slash]] = key[(slash + 1)..];
            else if (type == "project" && project is null) project = key; // the first project is the application
        }
        // Direct references of the application: targets/<tfm>/<app>/dependencies.
        var directNames = (deps?["targets"] as JsonObject)?.Select(t => t.Value?[project ?? ""]?["dependencies"] as JsonObject)
            .FirstOrDefault(d => d is not null)?.Select(d => d.Key).Where(packages.ContainsKey).ToList();
        return new CarriedPackages(packages, directNames is { Count: > 0 } ? directNames : null);
    }

    /// <summary>The packages of the running workbook (its deps.json sits next to workbook.dll).</summary>
    public static CarriedPackages ForHost()
    {
        var deps = HostApplication.DepsFile;
        return File.Exists(deps) ? FromDepsFile(deps) : new CarriedPackages(new Dictionary<string, string>());
    }

    /// <summary>The carried version for a requested package, or an error message naming the package.
    /// A missing version, "*" or "*-*" accepts the carried one; any other version must match exactly.</summary>
    public string Resolve(string name, string? version, out string? error)
    {
        error = null;
        if (!versions.TryGetValue(name, out var carried))
        {
            error = $"package '{name}' is not available: workbook run resolves #r \"nuget:...\" only against the packages it carries " +
                    $"({string.Join(", ", Interesting())}). Add it to lib/Workbook/Workbook.csproj and Directory.Packages.props.";
            return "";
        }
        if (!string.IsNullOrWhiteSpace(version) && version is not "*" and not "*-*" && version != carried)
            error = $"package '{name}' version {version} is not available: workbook carries version {carried}.";
        return carried;
    }

    private IEnumerable<string> Interesting() =>
        versions.Where(p => direct.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => $"{p.Key} {p.Value}");
}
