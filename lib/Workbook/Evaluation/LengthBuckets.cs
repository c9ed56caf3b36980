using System.Globalization;
using Seq2Seq.Metrics;

namespace Workbook.Evaluation;

/// <summary>Corpus BLEU of the sentences whose source has 1–10, 11–15, 16–20, 21–30 or 31+ words (whitespace
/// separated; an empty source counts in the first bucket). Each bucket is scored as a corpus of its own, with the
/// same settings as the whole set.</summary>
public static class LengthBuckets
{
    /// <summary>Lower word counts of the buckets; the last one is open.</summary>
    public static IReadOnlyList<int> Starts { get; } = [1, 11, 16, 21, 31];

    /// <summary>One bucket: its label ("11-15"), its sentences and their BLEU (null when it has none).</summary>
    public sealed record Bucket(string Label, int Count, BleuScore? Score);

    public static IReadOnlyList<Bucket> Score(IReadOnlyList<string> sources, IReadOnlyList<string> hypotheses, IReadOnlyList<string>[] references)
    {
        var bleu = new Bleu();
        var index = sources.Select(s => BucketOf(SacreBleu.SplitWhitespace(s).Length)).ToArray();
        return Enumerable.Range(0, Starts.Count).Select(b =>
        {
            var rows = Enumerable.Range(0, sources.Count).Where(i => index[i] == b).ToList();
            var score = rows.Count == 0 ? null
                : bleu.Corpus(rows.Select(i => hypotheses[i]).ToList(), references.Select(r => (IReadOnlyList<string>)rows.Select(i => r[i]).ToList()).ToArray());
            return new Bucket(Label(b), rows.Count, score);
        }).ToList();
    }

    /// <summary>The table <c>workbook evaluate</c> prints.</summary>
    public static void Write(TextWriter writer, IReadOnlyList<Bucket> buckets)
    {
        writer.WriteLine("BLEU by source length (words):");
        foreach (var b in buckets)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {b.Label,-6} {b.Count,6} sentences  {(b.Score is { } s ? $"BLEU = {s.Score:F2}" : "BLEU = -")}"));
    }

    private static int BucketOf(int words)
    {
        for (int b = Starts.Count - 1; b > 0; b--) if (words >= Starts[b]) return b;
        return 0;
    }

    private static string Label(int b) => b == Starts.Count - 1 ? $"{Starts[b]}+" : $"{Starts[b]}-{Starts[b + 1] - 1}";
}
