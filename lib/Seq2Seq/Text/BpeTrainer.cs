using System.Text;

namespace Seq2Seq.Text;

/// <summary>Byte-pair-encoding training (Sennrich et al. 2016): start from characters, with the last character of
/// each word marked by <see cref="BpeModel.EndOfWordSuffix"/>; repeatedly merge the most frequent adjacent pair
/// (ties: the ordinally smallest "left right"), until the vocabulary is full or no pair occurs
/// <see cref="BpeTrainerOptions.MinPairFrequency"/> times. Words are whitespace-separated tokens.
/// Train on both languages' sentences for a joint vocabulary, or on one side for a separate one.</summary>
public static class BpeTrainer
{
    public static BpeModel Train(IEnumerable<string> sentences, BpeTrainerOptions? options = null)
    {
        options ??= new BpeTrainerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinPairFrequency, 1);
        var wordCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in sentences)
            foreach (var w in Vocabulary.Tokenize(s))
                wordCounts[w] = wordCounts.GetValueOrDefault(w) + 1;
        return Train(wordCounts, options);
    }

    /// <summary>Trains from word frequencies (word → count).</summary>
    public static BpeModel Train(IReadOnlyDictionary<string, int> wordCounts, BpeTrainerOptions options)
    {
        var words = wordCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (Symbols: Split(kv.Key), Count: kv.Value)).ToList();
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in SpecialTokens.All) vocab[t] = vocab.Count;
        var alphabet = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (symbols, count) in words)
            foreach (var s in symbols) alphabet[s] = alphabet.GetValueOrDefault(s) + count;
        foreach (var s in alphabet.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            vocab.TryAdd(s.Key, vocab.Count);

        var pairs = new PairStatistics(words.Select(w => w.Symbols).ToList(), words.Select(w => w.Count).ToList());
        var merges = new List<(string, string)>();
        while (vocab.Count < options.VocabSize && pairs.Best() is { } best && best.Count >= options.MinPairFrequency)
        {
            pairs.Merge(best.Left, best.Right);
            merges.Add((best.Left, best.Right));
            vocab.TryAdd(best.Left + best.Right, vocab.Count);
        }
        return new BpeModel(vocab, merges);
    }

    /// <summary>The initial symbols of a word: its characters (Unicode scalar values, so a surrogate pair stays
    /// one symbol), the last one suffixed with &lt;/w&gt;.</summary>
    internal static List<string> Split(string word)
    {
        var symbols = word.EnumerateRunes().Select(r => r.ToString()).ToList();
        symbols[^1] += BpeModel.EndOfWordSuffix;
        return symbols;
    }
}
