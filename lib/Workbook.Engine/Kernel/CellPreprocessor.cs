using System.Text;
using System.Text.RegularExpressions;

namespace Workbook.Kernel;

/// <summary>Handles what the Polyglot kernel handles before Roslyn sees a cell (platform-notes §2): kernel
/// selectors and magics (<c>#!csharp</c>, <c>#!markdown</c>, <c>#!time</c>), hoisted <c>#r "nuget: ..."</c> and
/// <c>#i</c> directives (validated against the carried packages, then removed), and <c>#r "X.dll"</c> of an assembly
/// the runner already carries (removed: the host's copy is referenced). Removed lines become blank lines so
/// diagnostics keep the cell's line numbers.</summary>
public sealed partial class CellPreprocessor(CarriedPackages packages, ISet<string> hostAssemblyFileNames)
{
    private static readonly HashSet<string> CSharpNames = new(StringComparer.Ordinal) { "csharp", "c#", "C#" };
    private static readonly HashSet<string> OtherKernels = new(StringComparer.OrdinalIgnoreCase)
        { "fsharp", "f#", "pwsh", "powershell", "html", "javascript", "js", "mermaid", "sql", "kql", "value", "http" };

    [GeneratedRegex("""^#r\s+"(?<path>[^"]+)"\s*$""")]
    private static partial Regex PathDirective();

    /// <summary>GPU builds of TorchSharp/libtorch that notebooks written for CUDA machines ask for.</summary>
    [GeneratedRegex("^(TorchSharp-cuda-(linux|windows)|libtorch-cuda-.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex CudaPackage();

    private const string CpuTorch = "TorchSharp-cpu";

    /// <summary>Splits and cleans <paramref name="source"/>; <paramref name="kernel"/> is the cell's kernel from
    /// metadata ("csharp" or "markdown"). Throws <see cref="CellDirectiveException"/> for what cannot run.</summary>
    public PreparedCell Prepare(string source, string kernel = "csharp")
    {
        var segments = new List<CellSegment>();
        var found = new List<PackageReference>();
        var notes = new List<string>();
        bool time = false;
        var current = new StringBuilder();
        var currentKernel = NormalizeKernel(kernel, 0);
        var lines = source.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var number = i + 1;
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                var magic = line[2..].Split(' ', 2)[0];
                if (magic == "time") { time = true; current.Append('\n'); continue; }
                var next = NormalizeKernel(magic, number);
                Flush(segments, currentKernel, current);
                currentKernel = next;
                current.Append('\n');
                continue;
            }
            if (currentKernel == "csharp" && line.StartsWith("#r", StringComparison.Ordinal))
            {
                if (Notebooks.NugetDirective.TryParse(line, out var name, out var version))
                {
                    if (CudaPackage().IsMatch(name) && !packages.Versions.ContainsKey(name) && packages.Versions.TryGetValue(CpuTorch, out var cpu))
                    {
                        // Run the notebook on the CPU instead of failing it: TorchSharp code is the same on both.
                        notes.Add($"note: line {number}: {name} (CUDA) is not carried by workbook; using {CpuTorch} {cpu} instead, so tensors stay on the CPU.\n");
                        if (!found.Any(p => p.Name == CpuTorch)) found.Add(new PackageReference(CpuTorch, cpu, number));
                        current.Append('\n');
                        continue;
                    }
                    var carried = packages.Resolve(name, version, out var error);
                    if (error is not null) throw new CellDirectiveException($"line {number}: {line}: {error}");
                    found.Add(new PackageReference(name, carried, number));
                    current.Append('\n');
                    continue;
                }
                if (line.Contains("nuget:", StringComparison.OrdinalIgnoreCase))
                    throw new CellDirectiveException($"line {number}: {line}: malformed nuget directive (expected #r \"nuget: Name, Version\").");
                var path = PathDirective().Match(line);
                if (path.Success && hostAssemblyFileNames.Contains(Path.GetFileName(path.Groups["path"].Value)))
                {
                    current.Append('\n'); // the runner already references its own copy of this assembly
                    continue;
                }
            }
            if (currentKernel == "csharp" && line.StartsWith("#i ", StringComparison.Ordinal)) { current.Append('\n'); continue; }
            current.Append(lines[i]).Append('\n');
        }
        Flush(segments, currentKernel, current);
        return new PreparedCell(segments, found, time, notes);
    }

    private static void Flush(List<CellSegment> segments, string kernel, StringBuilder text)
    {
        var body = text.ToString();
        if (string.IsNullOrWhiteSpace(body)) return; // keep the blank lines: they carry line numbers forward
        text.Clear();
        // Keep leading blank lines (line numbers); drop the final newline added per line.
        segments.Add(new CellSegment(kernel, body.EndsWith('\n') ? body[..^1] : body));
    }

    private static string NormalizeKernel(string name, int line)
    {
        if (CSharpNames.Contains(name)) return "csharp";
        if (name == "markdown" || name == "md") return "markdown";
        var where = line > 0 ? $"line {line}: " : "";
        if (OtherKernels.Contains(name))
            throw new CellDirectiveException($"{where}kernel '{name}' is not supported: workbook run executes C# (and markdown) cells only.");
        throw new CellDirectiveException($"{where}magic command '#!{name}' is not supported by workbook run.");
    }
}
