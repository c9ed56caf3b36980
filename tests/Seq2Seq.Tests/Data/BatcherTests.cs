using Seq2Seq.Data;
using Seq2Seq.Text;

namespace Seq2Seq.Tests.Data;

public sealed class BatcherTests
{
    // 300 pairs with lengths 1..40, ids ≥ 4 (never special).
    private static (List<int[]> Src, List<int[]> Tgt) Corpus()
    {
        var rng = new SplitMix64(42);
        var src = new List<int[]>();
        var tgt = new List<int[]>();
        for (int i = 0; i < 300; i++)
        {
            src.Add(Enumerable.Range(0, rng.Next(1, 41)).Select(_ => rng.Next(4, 100)).ToArray());
            tgt.Add(Enumerable.Range(0, rng.Next(1, 41)).Select(_ => rng.Next(4, 100)).ToArray());
        }
        return (src, tgt);
    }

    [Fact]
    public void EveryPairOnceAndTokenBudgetRespected()
    {
        var (src, tgt) = Corpus();
        var batcher = new Batcher(src, tgt, new BatcherOptions(MaxTokens: 400, Seed: 7));
        var seen = new List<int>();
        foreach (var b in batcher.Batches(0))
        {
            seen.AddRange(b.Indices);
            Assert.True(b.Size == 1 || b.Size * Math.Max(b.Src.GetLength(1), b.TgtIn.GetLength(1)) <= 400);
        }
        Assert.Equal(Enumerable.Range(0, 300), seen.Order());
    }

    [Fact]
    public void RowsAreEosTerminatedBosShiftedAndPadded()
    {
        var batcher = new Batcher([[5, 6, 7], [8]], [[9, 10], [11, 12, 13]], new BatcherOptions(Shuffle: false));
        var b = batcher.Make([0, 1]);
        Assert.Equal(new long[,] { { 5, 6, 7, SpecialTokens.Eos }, { 8, SpecialTokens.Eos, 0, 0 } }, b.Src);
        Assert.Equal(new long[,] { { SpecialTokens.Bos, 9, 10, 0 }, { SpecialTokens.Bos, 11, 12, 13 } }, b.TgtIn);
        Assert.Equal(new long[,] { { 9, 10, SpecialTokens.Eos, 0 }, { 11, 12, 13, SpecialTokens.Eos } }, b.TgtOut);
        Assert.Equal(7, b.TargetTokens);   // 2 + 3 words, one EOS each
    }

    [Fact]
    public void OrderIsAFunctionOfSeedAndEpochAndResumable()
    {
        var (src, tgt) = Corpus();
        var options = new BatcherOptions(MaxTokens: 300, Seed: 3);
        var a = new Batcher(src, tgt, options);
        var b = new Batcher(src, tgt, options);
        Assert.Equal(a.Plan(2), b.Plan(2));
        Assert.NotEqual(a.Plan(2), a.Plan(3));
        Assert.NotEqual(a.Plan(2), new Batcher(src, tgt, options with { Seed = 4 }).Plan(2));
        var resumed = a.Batches(new DataPosition(2, 5)).Select(x => x.Indices).ToList();
        Assert.Equal(a.Batches(2).Skip(5).Select(x => x.Indices), resumed);
    }

    [Fact]
    public void BatchesGroupSimilarLengths()
    {
        var (src, tgt) = Corpus();
        var batcher = new Batcher(src, tgt, new BatcherOptions(MaxTokens: 400, Seed: 1));
        long padded = 0, real = 0;
        foreach (var b in batcher.Batches(0))
        {
            padded += b.TgtOut.Length;
            real += b.TargetTokens;
        }
        Assert.True(real > 0.85 * padded, $"only {real} of {padded} target cells are real tokens");   // random batching gives ~0.5
    }

    [Fact]
    public void EvaluationOrderDoesNotShuffle()
    {
        var (src, tgt) = Corpus();
        var plan = new Batcher(src, tgt, BatcherOptions.Evaluation).Plan(0).SelectMany(x => x).ToList();
        Assert.Equal(plan.OrderBy(i => tgt[i].Length).ThenBy(i => src[i].Length).ThenBy(i => i), plan);
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Contains("2 source sequences but 1 target", Assert.Throws<ArgumentException>(() => new Batcher([[4], [5]], [[6]])).Message);
        Assert.Contains("pair 0", Assert.Throws<ArgumentException>(() => new Batcher([[-1]], [[6]])).Message);
    }

    [Fact]
    public void FromCorpusEncodesBothSides()
    {
        var corpus = ParallelCorpus.FromPairs([new("das Haus", "the house"), new("das Buch", "the book")]);
        var (de, en) = (Vocabulary.Build(corpus.Sources), Vocabulary.Build(corpus.Targets));
        var batch = Batcher.FromCorpus(corpus, de, en, BatcherOptions.Evaluation).Batches(0).Single();
        for (int r = 0; r < batch.Size; r++)
        {
            var pair = corpus.Pairs[batch.Indices[r]];
            Assert.Equal(pair.Source, de.Decode(Enumerable.Range(0, batch.Src.GetLength(1)).Select(j => (int)batch.Src[r, j])));
            Assert.Equal(pair.Target, en.Decode(Enumerable.Range(0, batch.TgtOut.GetLength(1)).Select(j => (int)batch.TgtOut[r, j])));
        }
    }
}
