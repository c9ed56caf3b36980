namespace Seq2Seq.Text;

/// <summary>Weighted counts of adjacent symbol pairs over a word list, updated incrementally on each merge (only
/// words that contain the merged pair are re-counted), with the best pair kept in a sorted set.</summary>
internal sealed class PairStatistics
{
    private readonly List<List<string>> words;
    private readonly List<int> counts;
    private readonly Dictionary<(string, string), int> pairCounts = new();
    private readonly Dictionary<(string, string), HashSet<int>> wordsWith = new();
    private readonly SortedSet<(int Count, string Left, string Right)> ranked = new(Comparer<(int Count, string Left, string Right)>.Create((a, b) =>
    {
        int c = b.Count.CompareTo(a.Count);                       // most frequent first
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Left, b.Left);                // then ordinal "left right"
        return c != 0 ? c : string.CompareOrdinal(a.Right, b.Right);
    }));

    public PairStatistics(List<List<string>> words, List<int> counts)
    {
        (this.words, this.counts) = (words, counts);
        var all = new Dictionary<(string, string), int>();
        for (int w = 0; w < words.Count; w++) Count(w, +1, all);
        foreach (var (pair, c) in all) pairCounts[pair] = c;
        ranked.UnionWith(all.Select(kv => (kv.Value, kv.Key.Item1, kv.Key.Item2)));   // one bulk build
    }

    public (int Count, string Left, string Right)? Best() => ranked.Count == 0 ? null : ranked.Min;

    public void Merge(string left, string right)
    {
        if (!wordsWith.TryGetValue((left, right), out var affected)) return;
        var delta = new Dictionary<(string, string), int>();   // net change, so unchanged pairs cost nothing
        foreach (var w in affected.ToList())
        {
            var symbols = words[w];
            Count(w, -1, delta);
            for (int i = 0; i < symbols.Count - 1; i++)
                if (symbols[i] == left && symbols[i + 1] == right)
                {
                    symbols[i] = left + right;
                    symbols.RemoveAt(i + 1);
                }
            Count(w, +1, delta);
        }
        foreach (var (pair, d) in delta)
            if (d != 0) Update(pair, d);
    }

    private void Count(int w, int sign, Dictionary<(string, string), int> delta)
    {
        var s = words[w];
        for (int i = 0; i < s.Count - 1; i++)
        {
            var pair = (s[i], s[i + 1]);
            delta[pair] = delta.GetValueOrDefault(pair) + sign * counts[w];
            if (sign > 0)
            {
                if (!wordsWith.TryGetValue(pair, out var set)) wordsWith[pair] = set = new HashSet<int>();
                set.Add(w);
            }
        }
    }

    private void Update((string, string) pair, int d)
    {
        int old = pairCounts.GetValueOrDefault(pair), now = old + d;
        if (old > 0) ranked.Remove((old, pair.Item1, pair.Item2));
        if (now > 0) ranked.Add((now, pair.Item1, pair.Item2));
        if (now == 0) pairCounts.Remove(pair); else pairCounts[pair] = now;
    }
}
