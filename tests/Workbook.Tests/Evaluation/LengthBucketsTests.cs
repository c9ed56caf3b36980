using Seq2Seq.Metrics;
using Workbook.Evaluation;

namespace Workbook.Tests.Evaluation;

public sealed class LengthBucketsTests
{
    private static string Words(int n) => string.Join(' ', Enumerable.Range(1, n).Select(i => $"w{i}"));

    [Fact]
    public void EachBucketIsScoredAsACorpusOfItsOwnSentences()
    {
        // Source lengths 0, 3, 10 | 11, 15 | (none) | 21, 30 | 31, 50: the edges of every bucket.
        int[] lengths = [0, 3, 10, 11, 15, 21, 30, 31, 50];
        var sources = lengths.Select(Words).ToList();
        var hyps = lengths.Select((n, i) => i % 2 == 0 ? "the cat sat on the mat" : "a dog ran in the park").ToList();
        IReadOnlyList<string> refs = lengths.Select(_ => "the cat sat on the mat").ToList();
        var buckets = LengthBuckets.Score(sources, hyps, [refs]);
        Assert.Equal(["1-10", "11-15", "16-20", "21-30", "31+"], buckets.Select(b => b.Label));
        Assert.Equal([3, 2, 0, 2, 2], buckets.Select(b => b.Count));
        Assert.Null(buckets[2].Score);
        int[][] members = [[0, 1, 2], [3, 4], [], [5, 6], [7, 8]];
        for (int b = 0; b < buckets.Count; b++)
        {
            if (members[b].Length == 0) continue;
            var expected = new Bleu().Corpus(members[b].Select(i => hyps[i]).ToList(), members[b].Select(i => refs[i]).ToList());
            Assert.Equal(expected.ToString(), buckets[b].Score!.ToString());
        }
        Assert.NotEqual(buckets[0].Score!.Score, buckets[1].Score!.Score);    // 2 of 3 right vs 1 of 2 right

        var table = new StringWriter();
        LengthBuckets.Write(table, buckets);
        var lines = table.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("BLEU by source length (words):", lines[0]);
        Assert.Equal("  16-20       0 sentences  BLEU = -", lines[3]);
        Assert.Equal($"  31+         2 sentences  BLEU = {buckets[4].Score!.Score:F2}", lines[5]);
    }
}
