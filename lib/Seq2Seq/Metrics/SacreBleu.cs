namespace Seq2Seq.Metrics;

/// <summary>Facts shared by the sacreBLEU ports (<see cref="Bleu"/>, <see cref="Chrf"/>).</summary>
public static class SacreBleu
{
    /// <summary>The sacreBLEU release whose behaviour (defaults, 13a tokenization, smoothing, output format) these
    /// ports reproduce; it goes into the signatures. See docs/metrics.md for how agreement was checked.</summary>
    public const string Version = "2.4.3";

    /// <summary>Python's <c>str.split()</c>: splits on Unicode whitespace (including U+001C..U+001F, which .NET's
    /// <see cref="char.IsWhiteSpace(char)"/> does not count) and drops empty pieces.</summary>
    public static string[] SplitWhitespace(string s)
    {
        var parts = new List<string>();
        int start = -1;
        for (int i = 0; i <= s.Length; i++)
        {
            bool space = i == s.Length || IsPythonSpace(s[i]);
            if (!space && start < 0) start = i;
            else if (space && start >= 0) { parts.Add(s[start..i]); start = -1; }
        }
        return [.. parts];
    }

    /// <summary>Python's <c>str.rstrip()</c>.</summary>
    public static string RStrip(string s)
    {
        int end = s.Length;
        while (end > 0 && IsPythonSpace(s[end - 1])) end--;
        return s[..end];
    }

    public static bool IsPythonSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';
}
