using System.Text;

namespace Seq2Seq.Statistical;

/// <summary>A rule-based translator in the manner of the Georgetown–IBM experiment (7 January 1954): word-by-word
/// dictionary lookup plus a handful of context rules: insertion of "of"/"by" for genitive/instrumental phrases
/// (unless a governing word or an adjective of the same case came just before), insertion of "a"/"an", inversion
/// with the next word, omission, and choice of equivalent by the neighbouring word. The data are in
/// datasets/georgetown (see its README for what is historical and what is ours).</summary>
public sealed class GeorgetownTranslator(IReadOnlyDictionary<string, GeorgetownEntry> lexicon)
{
    public IReadOnlyDictionary<string, GeorgetownEntry> Lexicon => lexicon;

    /// <summary>Loads <c>lexicon.tsv</c> from <paramref name="directory"/> (lines starting with # are comments).</summary>
    public static GeorgetownTranslator Load(string directory)
    {
        var path = Path.Combine(directory, "lexicon.tsv");
        var entries = new Dictionary<string, GeorgetownEntry>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#')) continue;
            var e = GeorgetownEntry.Parse(lines[i], $"{path}:{i + 1}");
            if (!entries.TryAdd(e.Russian, e)) throw new FormatException($"{path}:{i + 1}: '{e.Russian}' is listed twice.");
        }
        return new GeorgetownTranslator(entries);
    }

    /// <summary>Translates one sentence. A word missing from the lexicon is kept as "[word]", not dropped.</summary>
    public string Translate(string sentence)
    {
        var text = sentence.Trim();
        var end = text.Length > 0 && ".?!".Contains(text[^1]) ? text[^1..] : "";
        var words = Text.Vocabulary.Tokenize(text.TrimEnd('.', '?', '!')).Select(w => w.ToLowerInvariant()).ToArray();
        var entries = words.Select(w => lexicon.GetValueOrDefault(w)).ToArray();
        var chunks = new string[words.Length];
        for (int i = 0; i < words.Length; i++)
            chunks[i] = entries[i] is { } e ? Render(e, i > 0 ? words[i - 1] : null, i + 1 < words.Length ? words[i + 1] : null,
                i > 0 ? entries[i - 1] : null) : $"[{words[i]}]";
        for (int i = 0; i + 1 < words.Length; i++)        // rearrangement: "dostatochno bistro" → "quickly enough"
            if (entries[i]?.Tags.Contains("invert") == true) { (chunks[i], chunks[i + 1]) = (chunks[i + 1], chunks[i]); i++; }
        var english = string.Join(' ', chunks.Where(c => c.Length > 0));
        return english.Length == 0 ? end : char.ToUpperInvariant(english[0]) + english[1..] + end;
    }

    private static string Render(GeorgetownEntry e, string? previous, string? next, GeorgetownEntry? prevEntry)
    {
        if (e.Tags.Contains("omit")) return "";
        var word = e.English;
        foreach (var (isNext, trigger, alternative) in e.Choices)
            if ((isNext ? next : previous) == trigger) { word = alternative; break; }
        if (word.Length == 0) return "";
        if (e.Tags.Contains("art")) word = ("aeiou".Contains(word[0]) ? "an " : "a ") + word;
        var governed = prevEntry is not null && (prevEntry.Tags.Contains("gov") || (prevEntry.IsAdjective && prevEntry.Case == e.Case));
        if (e.Case is { } c && !governed) word = (c == "gen" ? "of " : "by ") + word;
        return word;
    }

    /// <summary>The demonstration sentences: (Russian, recorded English, origin "1954" or "ours").</summary>
    public static IReadOnlyList<(string Russian, string English, string Origin)> LoadSentences(string directory)
    {
        var path = Path.Combine(directory, "sentences.tsv");
        return File.ReadAllLines(path, Encoding.UTF8).Select((l, i) => (Line: l, Number: i + 1)).Where(x => x.Line.Length > 0 && !x.Line.StartsWith('#'))
            .Select(x => x.Line.Split('\t') is [var ru, var en, var origin] ? (ru, en, origin)
                : throw new FormatException($"{path}:{x.Number}: expected russian, english, origin separated by tabs.")).ToList();
    }
}
