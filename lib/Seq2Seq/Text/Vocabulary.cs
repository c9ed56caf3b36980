using System.Text;

namespace Seq2Seq.Text;

/// <summary>A word-level vocabulary: ids 0..3 are <see cref="SpecialTokens"/>, then words by descending corpus
/// frequency (ties in ordinal order, so the same corpus always gives the same ids). Words are whitespace-separated
/// tokens; words rarer than the minimum frequency become <see cref="SpecialTokens.Unk"/>.</summary>
public sealed class Vocabulary : ITextEncoder
{
    private readonly List<string> tokens;
    private readonly Dictionary<string, int> ids;

    private Vocabulary(List<string> tokens)
    {
        for (int i = 0; i < SpecialTokens.All.Count; i++)
            if (tokens.Count <= i || tokens[i] != SpecialTokens.All[i])
                throw new ArgumentException($"a vocabulary must start with {string.Join(" ", SpecialTokens.All)}; entry {i} is '{(i < tokens.Count ? tokens[i] : "missing")}'.");
        this.tokens = tokens;
        ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i++)
            if (!ids.TryAdd(tokens[i], i)) throw new ArgumentException($"duplicate vocabulary entry '{tokens[i]}' at ids {ids[tokens[i]]} and {i}.");
    }

    /// <summary>Counts the words of <paramref name="sentences"/> and keeps those seen at least
    /// <paramref name="minFrequency"/> times, at most <paramref name="maxSize"/> entries in all (specials included).</summary>
    public static Vocabulary Build(IEnumerable<string> sentences, int minFrequency = 1, int maxSize = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minFrequency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, SpecialTokens.All.Count);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in sentences)
            foreach (var w in Tokenize(s))
                counts[w] = counts.GetValueOrDefault(w) + 1;
        var words = counts.Where(kv => kv.Value >= minFrequency && !SpecialTokens.All.Contains(kv.Key))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Key).Take(maxSize - SpecialTokens.All.Count);
        return new Vocabulary([.. SpecialTokens.All, .. words]);
    }

    /// <summary>A vocabulary from its entries in id order (the first four must be the special tokens).</summary>
    public static Vocabulary FromTokens(IEnumerable<string> tokens) => new(tokens.ToList());

    /// <summary>Whitespace tokenization: the only word splitting this class does (punctuation stays attached
    /// unless the corpus was pre-tokenized).</summary>
    public static string[] Tokenize(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    public int VocabSize => tokens.Count;
    public IReadOnlyList<string> Tokens => tokens;
    public string TokenOf(int id) => id >= 0 && id < tokens.Count ? tokens[id] : throw new ArgumentOutOfRangeException(nameof(id), id, $"vocabulary has {tokens.Count} entries");
    public int IdOf(string token) => ids.TryGetValue(token, out var id) ? id : SpecialTokens.Unk;
    public bool Contains(string token) => ids.ContainsKey(token);

    public int[] Encode(string text) => Tokenize(text).Select(IdOf).ToArray();

    public string Decode(IEnumerable<int> ids)
    {
        var sb = new StringBuilder();
        foreach (var id in ids)
        {
            if (id == SpecialTokens.Eos) break;
            if (id is SpecialTokens.Pad or SpecialTokens.Bos) continue;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(TokenOf(id));
        }
        return sb.ToString();
    }

    /// <summary>Writes one entry per line, in id order.</summary>
    public void Save(string path) => File.WriteAllLines(path, tokens, new UTF8Encoding(false));

    public static Vocabulary Load(string path) => FromTokens(File.ReadAllLines(path, Encoding.UTF8));
}
