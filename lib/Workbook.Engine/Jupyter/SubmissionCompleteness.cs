using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Workbook.Jupyter;

/// <summary>is_complete for consoles: Roslyn's IsCompleteSubmission on the code parsed as a script (magic lines such
/// as <c>#!time</c> are blanked first: they are not C#).</summary>
public static class SubmissionCompleteness
{
    private static readonly CSharpParseOptions Script = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>"complete" or "incomplete" (then <paramref name="indent"/> is what to indent the next line with).</summary>
    public static string Check(string code, out string indent)
    {
        indent = "";
        var lines = code.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimStart().StartsWith("#!", StringComparison.Ordinal) ? "" : l);
        var text = string.Join("\n", lines);
        if (string.IsNullOrWhiteSpace(text)) return "complete";
        if (SyntaxFactory.IsCompleteSubmission(CSharpSyntaxTree.ParseText(text, Script))) return "complete";
        indent = "    ";
        return "incomplete";
    }
}
