namespace Seq2Seq.Statistical;

/// <summary>Word ↔ dense id, in order of first appearance.</summary>
internal sealed class WordIndex
{
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly List<string> words = new();

    public int Count => words.Count;
    public string this[int id] => words[id];

    public int Add(string word)
    {
        if (ids.TryGetValue(word, out var id)) return id;
        ids[word] = words.Count;
        words.Add(word);
        return words.Count - 1;
    }

    public bool TryGet(string word, out int id) => ids.TryGetValue(word, out id);
}
