namespace Seq2Seq.Metrics;

/// <summary>n-gram counting as in sacrebleu/metrics/helpers.py.</summary>
internal static class NGrams
{
    /// <summary>Word n-grams of orders 1..<paramref name="maxOrder"/> (tokens joined by one space) and the
    /// number of tokens.</summary>
    public static (Dictionary<string, int> Counts, int Length) Words(string line, int maxOrder)
    {
        var tokens = SacreBleu.SplitWhitespace(line);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int n = 1; n <= maxOrder; n++)
            for (int i = 0; i + n <= tokens.Length; i++)
            {
                var g = string.Join(' ', tokens, i, n);
                counts[g] = counts.GetValueOrDefault(g) + 1;
            }
        return (counts, tokens.Length);
    }

    /// <summary>Character n-grams of orders 1..<paramref name="maxOrder"/>, over Unicode scalar values (Python
    /// string semantics); whitespace removed first unless <paramref name="includeWhitespace"/>.</summary>
    public static List<Dictionary<string, int>> Chars(string line, int maxOrder, bool includeWhitespace)
    {
        if (!includeWhitespace) line = string.Concat(SacreBleu.SplitWhitespace(line));
        var chars = line.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var result = new List<Dictionary<string, int>>();
        for (int n = 1; n <= maxOrder; n++)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i + n <= chars.Length; i++)
            {
                var g = string.Concat(chars.AsSpan(i, n).ToArray());
                counts[g] = counts.GetValueOrDefault(g) + 1;
            }
            result.Add(counts);
        }
        return result;
    }
}
