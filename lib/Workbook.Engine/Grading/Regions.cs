namespace Workbook.Grading;

/// <summary>The marker regions of a source cell, each marker alone on its line: <c>// BEGIN SOLUTION</c> …
/// <c>// END SOLUTION</c> and <c>// BEGIN HIDDEN TESTS</c> … <c>// END HIDDEN TESTS</c> (nbgrader's delimiters).</summary>
public static class Regions
{
    public const string SolutionBegin = "// BEGIN SOLUTION", SolutionEnd = "// END SOLUTION";
    public const string HiddenBegin = "// BEGIN HIDDEN TESTS", HiddenEnd = "// END HIDDEN TESTS";

    /// <summary>The C# stub nbgrader's <c>code_stub</c> would hold for C#.</summary>
    public const string StubComment = "// YOUR CODE HERE", StubBody = "throw new NotImplementedException();";

    /// <summary>Each solution region, markers included, becomes <c>// YOUR CODE HERE</c> and <paramref name="body"/>(region
    /// index) (default: the throw), at the BEGIN marker's indentation. Throws <see cref="FormatException"/> on
    /// unbalanced or nested markers.</summary>
    public static string StubSolutions(string source, Func<int, string>? body = null)
    {
        var output = new List<string>();
        int region = 0;
        string? indent = null;
        foreach (var line in Lines(source))
        {
            var trimmed = line.Trim();
            if (trimmed == SolutionBegin)
            {
                if (indent is not null) throw new FormatException($"nested '{SolutionBegin}'");
                indent = line[..(line.Length - line.TrimStart().Length)];
                output.Add(indent + StubComment);
                var part = body?.Invoke(region) ?? StubBody;
                output.AddRange(part.Trim('\n').Split('\n').Select(l => indent + l));
                region++;
            }
            else if (trimmed == SolutionEnd)
            {
                if (indent is null) throw new FormatException($"'{SolutionEnd}' without '{SolutionBegin}'");
                indent = null;
            }
            else if (indent is null) output.Add(line);
        }
        if (indent is not null) throw new FormatException($"'{SolutionBegin}' without '{SolutionEnd}'");
        return string.Join('\n', output);
    }

    /// <summary>The source without its hidden-test regions (markers included), trailing blank lines dropped.</summary>
    public static string WithoutHiddenTests(string source)
    {
        var output = new List<string>();
        bool hidden = false;
        foreach (var line in Lines(source))
        {
            var trimmed = line.Trim();
            if (trimmed == HiddenBegin)
            {
                if (hidden) throw new FormatException($"nested '{HiddenBegin}'");
                hidden = true;
            }
            else if (trimmed == HiddenEnd)
            {
                if (!hidden) throw new FormatException($"'{HiddenEnd}' without '{HiddenBegin}'");
                hidden = false;
            }
            else if (!hidden) output.Add(line);
        }
        if (hidden) throw new FormatException($"'{HiddenBegin}' without '{HiddenEnd}'");
        return string.Join('\n', output).TrimEnd('\n', ' ');
    }

    public static bool HasHiddenTests(string source) => Lines(source).Any(l => l.Trim() == HiddenBegin);

    private static string[] Lines(string source) => source.Replace("\r\n", "\n").Split('\n');
}
