using System.Globalization;
using System.Text;

namespace Seq2Seq.Metrics;

/// <summary>Facts shared by the sacreBLEU ports (<see cref="Bleu"/>, <see cref="Chrf"/>).</summary>
public static class SacreBleu
{
    /// <summary>The sacreBLEU release whose behaviour (defaults, 13a tokenization, smoothing, output format) these
    /// ports reproduce; it goes into the signatures. See docs/metrics.md for how agreement was checked.</summary>
    public const string Version = "2.4.3";

    /// <summary>The <c>nrefs</c> of the signature for these reference streams: references per segment (empty lines
    /// are missing references, a segment with only empty ones has one empty reference), or -1 ("var") when segments
    /// differ.</summary>
    public static int ReferenceCount(params IReadOnlyList<string>[] references) => MetricArguments.ReferenceCount(references);

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

    /// <summary>Python's <c>str.lower()</c>, which sacreBLEU applies for <c>lowercase=True</c>. It differs from .NET's
    /// <see cref="string.ToLowerInvariant"/> in two places (all other code points lowercase identically): U+0130 İ
    /// becomes "i\u0307" (full case mapping), and a capital sigma becomes the final sigma ς when it ends a word
    /// (preceded by a cased letter, not followed by one, skipping case-ignorable characters), else σ.</summary>
    public static string Lower(string s)
    {
        if (!s.AsSpan().ContainsAny('\u0130', '\u03a3')) return s.ToLowerInvariant();
        var runes = s.EnumerateRunes().ToArray();
        var sb = new StringBuilder(s.Length + 4);
        for (int i = 0; i < runes.Length; i++)
        {
            var r = runes[i];
            if (r.Value == 0x130) sb.Append("i\u0307");
            else if (r.Value == 0x3a3) sb.Append(IsFinalSigma(runes, i) ? '\u03c2' : '\u03c3');
            else sb.Append(Rune.ToLowerInvariant(r).ToString());
        }
        return sb.ToString();
    }

    // CPython's handle_capital_sigma (Unicode Final_Sigma condition).
    private static bool IsFinalSigma(Rune[] runes, int i)
    {
        int j = i - 1;
        while (j >= 0 && IsCaseIgnorable(runes[j])) j--;
        if (j < 0 || !IsCased(runes[j])) return false;
        j = i + 1;
        while (j < runes.Length && IsCaseIgnorable(runes[j])) j++;
        return j == runes.Length || !IsCased(runes[j]);
    }

    // Unicode "Cased": upper-, lower- or titlecase letters, and anything with a case mapping (e.g. Ⅰ, Ⓐ).
    private static bool IsCased(Rune r) =>
        Rune.GetUnicodeCategory(r) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        || Rune.ToLowerInvariant(r) != r || Rune.ToUpperInvariant(r) != r;

    // Unicode "Case_Ignorable": Mn, Me, Cf, Lm, Sk and the Word_Break MidLetter / MidNumLet / Single_Quote characters.
    private static bool IsCaseIgnorable(Rune r) =>
        Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol
        || r.Value is 0x27 or 0x2e or 0x3a or 0xb7 or 0x387 or 0x55f or 0x5f4 or 0x2018 or 0x2019 or 0x2024 or 0x2027
            or 0xfe13 or 0xfe52 or 0xfe55 or 0xff07 or 0xff0e or 0xff1a;
}
