namespace Seq2Seq.Statistical;

/// <summary>One lexicon entry of <see cref="GeorgetownTranslator"/>: a (romanized) Russian word form, its English
/// equivalent, rule tags and context choices.</summary>
/// <param name="Russian">The word form as written in the romanized input, lower case.</param>
/// <param name="English">Its default English equivalent (may be several words; empty with omit).</param>
/// <param name="Tags">gen / inst (noun in the genitive / instrumental: insert "of" / "by"), adj-gen / adj-inst
/// (adjective opening such a phrase), gov (a word that governs the next word's case: no insertion after it),
/// art (insert "a"/"an"), invert (swap with the next word), omit (no output).</param>
/// <param name="Choices">(next?, word, alternative): use the alternative English when the next (or previous) word is
/// <c>word</c>; an empty alternative omits the word.</param>
public sealed record GeorgetownEntry(string Russian, string English, IReadOnlySet<string> Tags,
    IReadOnlyList<(bool Next, string Word, string Alternative)> Choices)
{
    /// <summary>Parses "russian \t english \t tag+tag \t next:word=alt;prev:word=alt".</summary>
    public static GeorgetownEntry Parse(string line, string where)
    {
        var cols = line.Split('\t');
        if (cols.Length != 4 || cols[0].Length == 0) throw new FormatException($"{where}: expected 4 tab-separated columns (russian, english, tags, choices).");
        var tags = cols[2].Split('+', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var unknown = tags.Except(["gen", "inst", "adj-gen", "adj-inst", "gov", "art", "invert", "omit"]).ToList();
        if (unknown.Count > 0) throw new FormatException($"{where}: unknown tag(s) {string.Join(", ", unknown)}.");
        var choices = cols[3].Split(';', StringSplitOptions.RemoveEmptyEntries).Select(c =>
        {
            var m = System.Text.RegularExpressions.Regex.Match(c, "^(next|prev):([^=]+)=(.*)$");
            if (!m.Success) throw new FormatException($"{where}: choice '{c}' is not next:word=alternative or prev:word=alternative.");
            return (m.Groups[1].Value == "next", m.Groups[2].Value, m.Groups[3].Value);
        }).ToList();
        return new GeorgetownEntry(cols[0], cols[1], tags, choices);
    }

    /// <summary>The case this word marks ("gen", "inst") or null.</summary>
    public string? Case => Tags.Contains("gen") || Tags.Contains("adj-gen") ? "gen" : Tags.Contains("inst") || Tags.Contains("adj-inst") ? "inst" : null;

    public bool IsAdjective => Tags.Contains("adj-gen") || Tags.Contains("adj-inst");
}
