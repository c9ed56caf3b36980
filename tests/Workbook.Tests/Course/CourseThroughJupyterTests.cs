using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbook.Tests.Jupyter;

namespace Workbook.Tests.Course;

/// <summary>Every course notebook, unchanged, through Jupyter's own tool with our kernel (<see cref="CourseJupyterRun"/>:
/// <c>jupyter nbconvert --to notebook --execute</c>, nbclient underneath, the kernel found by the name the notebook
/// carries): it runs, and each code cell's outputs equal the course run's (streams, values, charts' MIME bundles, 09's
/// training progress as its display was last updated) once what the wall clock decides is masked.</summary>
[Collection(CourseCollection.Name)]
public sealed partial class CourseThroughJupyterTests(CourseRun course)
{
    [GeneratedRegex(@"\d+(\.\d+)? ?(s|ms|min)\b")]
    private static partial Regex Duration();

    // 09's progress line: "00:03:51 | eta 00:00:00" (elapsed time; the estimate of the time left).
    [GeneratedRegex(@"\b\d\d:\d\d:\d\d\b")]
    private static partial Regex Clock();

    // Speeds, with the padding that aligns them: "   6,984 tok/s", "266.1 sentences/s", "2.1× faster", "at 2.6× greedy's time".
    [GeneratedRegex(@" *\b[0-9][0-9,]*(\.\d+)?(?<unit> [a-z]+/s\b|× faster|× greedy's time)")]
    private static partial Regex Speed();

    // A chart's trace of speeds (10's sentences/s by beam size): its y values, in the Plotly JSON and in the chart's HTML.
    [GeneratedRegex(@"(?<head>""name"":""[^""]*/s""[^{}\]]*?(""x"":\[[^\]]*\][^{}\]]*?)?""y"":)\[[^\]]*\]")]
    private static partial Regex SpeedTrace();

    // Numbers printed in scientific notation, e.g. "max |diff| = 2.4e-07" of an inline block against the library's.
    [GeneratedRegex(@"\b\d(\.\d+)?[eE][+-]\d+\b")]
    private static partial Regex Scientific();

    /// <summary>Wall-clock times and speeds masked, and float32 rounding residues (|x| &lt; 1e-5, e.g. 0.0e+00 in one
    /// run and 2.4e-07 in the other: libtorch's parallel reductions add in an order that depends on thread timing)
    /// written as "≈0"; every other number must be equal. Paths in the Jupyter run's shadow of the repository
    /// (<paramref name="shadowRoot"/>, e.g. 10's "model: best.ckpt of ROOT/runs/09-quick") are written as the
    /// repository's.</summary>
    private static string Comparable(JsonNode cell, string? shadowRoot = null)
    {
        var text = NbconvertTests.Normalize(cell);
        if (shadowRoot is not null) text = text.Replace(shadowRoot, TestFiles.RepoRoot, StringComparison.Ordinal);
        text = SpeedTrace().Replace(text, m => m.Groups["head"].Value + "[speeds]");
        text = Speed().Replace(text, m => " N" + m.Groups["unit"].Value);
        text = Clock().Replace(Duration().Replace(text, "T"), "hh:mm:ss");
        return Scientific().Replace(text,
            m => Math.Abs(double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)) < 1e-5 ? "≈0" : m.Value);
    }

    [Fact]
    public async Task NbconvertRunsEveryCourseNotebookAndMatchesTheCourseRun()
    {
        var jupyter = await course.ThroughJupyter;
        Assert.Equal(course.Stems, jupyter.Results.Keys);
        foreach (var stem in course.Stems)
        {
            var (code, err, _) = jupyter.Results[stem];
            Assert.True(code == 0, $"{stem}: nbconvert exited {code}:\n{err}");
            var byJupyter = JsonNode.Parse(File.ReadAllText(jupyter.Executed(stem)))!["cells"]!.AsArray();
            var byRun = JsonNode.Parse(File.ReadAllText(course.Notebook(stem).Path))!["cells"]!.AsArray();
            Assert.Equal(byRun.Count, byJupyter.Count);
            int compared = 0;
            for (int i = 0; i < byRun.Count; i++)
            {
                if (byRun[i]!["cell_type"]!.GetValue<string>() != "code") continue;
                var (expected, actual) = (Comparable(byRun[i]!), Comparable(byJupyter[i]!, jupyter.Tools.Root));
                Assert.True(expected == actual, $"{stem}, cell {i + 1}: Jupyter's outputs differ from workbook run's:\n--- run\n{Excerpt(expected, actual)}");
                compared += expected.Length > 0 ? 1 : 0;
            }
            Assert.True(compared >= 5, $"{stem}: only {compared} code cells with outputs compared");
        }
    }

    /// <summary>Both texts around their first difference.</summary>
    private static string Excerpt(string a, string b)
    {
        int k = 0;
        while (k < a.Length && k < b.Length && a[k] == b[k]) k++;
        string Around(string s) => s[Math.Max(0, k - 120)..Math.Min(s.Length, k + 120)];
        return $"{Around(a)}\n--- jupyter\n{Around(b)}";
    }
}
