using Seq2Seq.Text;

namespace Seq2Seq.Data;

/// <summary>Length-bucketed batching by token count. Sentences of similar length share a batch, so little
/// compute is spent on padding; the batch order is shuffled per epoch from (seed, epoch) alone, so the order is
/// reproducible and resumable (<see cref="DataPosition"/>). Produces <see cref="Batch"/>: Src = x + EOS,
/// TgtIn = BOS + y, TgtOut = y + EOS, padded with <see cref="SpecialTokens.Pad"/>.</summary>
public sealed class Batcher
{
    private readonly IReadOnlyList<int[]> sources, targets;

    /// <param name="sources">Source id sequences without BOS/EOS.</param>
    /// <param name="targets">Target id sequences without BOS/EOS, aligned with <paramref name="sources"/>.</param>
    /// <param name="options">Batch size and order; <see cref="BatcherOptions.Training"/> when null.</param>
    public Batcher(IReadOnlyList<int[]> sources, IReadOnlyList<int[]> targets, BatcherOptions? options = null)
    {
        if (sources.Count != targets.Count)
            throw new ArgumentException($"{sources.Count} source sequences but {targets.Count} target sequences.");
        Options = options ?? BatcherOptions.Training;
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxTokens, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxSentences, 1);
        for (int i = 0; i < sources.Count; i++)
            if (sources[i].Any(id => id < 0) || targets[i].Any(id => id < 0))
                throw new ArgumentException($"pair {i} holds a negative id.");
        (this.sources, this.targets) = (sources, targets);
    }

    /// <summary>Encodes both sides of <paramref name="corpus"/> and batches them (the usual way to get batches).</summary>
    public static Batcher FromCorpus(ParallelCorpus corpus, ITextEncoder source, ITextEncoder target, BatcherOptions? options = null) =>
        new(corpus.Pairs.Select(p => source.Encode(p.Source)).ToList(), corpus.Pairs.Select(p => target.Encode(p.Target)).ToList(), options);

    public BatcherOptions Options { get; }
    public int Count => sources.Count;

    /// <summary>The corpus indices of each batch of <paramref name="epoch"/>, in order. A pure function of
    /// (data, options, epoch): a resumed run calls it again instead of storing it.</summary>
    public IReadOnlyList<int[]> Plan(int epoch)
    {
        var order = Enumerable.Range(0, Count).ToArray();
        var rng = SplitMix64.For(Options.Seed, epoch);
        if (Options.Shuffle) rng.Shuffle(order);          // random order among equal lengths
        var sorted = order.OrderBy(i => targets[i].Length).ThenBy(i => sources[i].Length).ToList(); // stable
        var batches = new List<int[]>();
        var current = new List<int>();
        int width = 0;
        foreach (var i in sorted)
        {
            int w = Math.Max(Math.Max(width, sources[i].Length + 1), targets[i].Length + 1);
            if (current.Count > 0 && ((current.Count + 1) * w > Options.MaxTokens || current.Count == Options.MaxSentences))
            {
                batches.Add([.. current]);
                current.Clear();
                w = Math.Max(sources[i].Length, targets[i].Length) + 1;
            }
            current.Add(i);
            width = w;
        }
        if (current.Count > 0) batches.Add([.. current]);
        if (Options.Shuffle) rng.Shuffle(batches);
        return batches;
    }

    /// <summary>The batches of <paramref name="from"/>.Epoch starting at batch <paramref name="from"/>.Batch.</summary>
    public IEnumerable<Batch> Batches(DataPosition from)
    {
        var plan = Plan(from.Epoch);
        if (from.Batch < 0 || from.Batch > plan.Count)
            throw new ArgumentOutOfRangeException(nameof(from), from, $"epoch {from.Epoch} has {plan.Count} batches");
        for (int b = from.Batch; b < plan.Count; b++) yield return Make(plan[b]);
    }

    /// <summary>All batches of one epoch.</summary>
    public IEnumerable<Batch> Batches(int epoch) => Batches(new DataPosition(epoch, 0));

    /// <summary>A batch of the given corpus rows (padding to the longest row).</summary>
    public Batch Make(IReadOnlyList<int> rows)
    {
        int s = rows.Max(i => sources[i].Length) + 1, t = rows.Max(i => targets[i].Length) + 1;
        var src = new long[rows.Count, s];
        var tgtIn = new long[rows.Count, t];
        var tgtOut = new long[rows.Count, t];   // Pad = 0, so new arrays are already padded
        for (int r = 0; r < rows.Count; r++)
        {
            var (x, y) = (sources[rows[r]], targets[rows[r]]);
            for (int j = 0; j < x.Length; j++) src[r, j] = x[j];
            src[r, x.Length] = SpecialTokens.Eos;
            tgtIn[r, 0] = SpecialTokens.Bos;
            for (int j = 0; j < y.Length; j++) { tgtIn[r, j + 1] = y[j]; tgtOut[r, j] = y[j]; }
            tgtOut[r, y.Length] = SpecialTokens.Eos;
        }
        return new Batch(src, tgtIn, tgtOut, [.. rows]);
    }
}
