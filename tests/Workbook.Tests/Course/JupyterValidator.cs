using Workbook.Tests.Support;

namespace Workbook.Tests.Course;

/// <summary>Jupyter's own notebook validator (<c>nbformat.validate</c> from Debian's python3-nbformat; .ci/run installs
/// it), with warnings treated as errors — a missing cell id is only a warning today and an error tomorrow. The raw
/// JSON is validated, not what <c>nbformat.read</c> would silently upgrade or repair.</summary>
internal static class JupyterValidator
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import json, sys, warnings
        import nbformat
        warnings.simplefilter("error")
        for path in sys.argv[1:]:
            try:
                with open(path, encoding="utf-8") as f:
                    nbformat.validate(json.load(f))
                print("OK\t" + path)
            except Exception as e:
                print("FAIL\t" + path + "\t" + type(e).__name__ + ": " + " ".join(str(e).split())[:600])
        """;

    /// <summary>Validates <paramref name="paths"/>; returns one message per notebook that fails (empty = all valid).</summary>
    public static async Task<IReadOnlyList<string>> Problems(IEnumerable<string> paths)
    {
        if (!File.Exists(Python))
            throw new InvalidOperationException($"{Python} not found: install Debian's python3-nbformat (apt-get install python3-nbformat), as .ci/run does.");
        var list = paths.ToList();
        var (code, stdout, stderr) = await ExternalProcess.Run(Python, ["-c", Script, .. list], TimeSpan.FromSeconds(120));
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (code != 0 || lines.Length != list.Count)
            throw new InvalidOperationException($"the validator exited {code} after {lines.Length} of {list.Count} notebooks: {stderr}");
        return lines.Where(l => !l.StartsWith("OK\t", StringComparison.Ordinal)).ToList();
    }
}
