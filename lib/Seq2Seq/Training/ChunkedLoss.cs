using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Training;

/// <summary>The label-smoothed loss of a batch computed without ever holding its whole [tokens, V] logits:
/// the output projection, log-softmax and loss run on chunks of at most <see cref="ChunkTokens"/> target
/// positions. Pad positions are dropped before the projection (they carry no loss), so their logits are never
/// computed either. In training the decoder states are cut from the graph, each chunk's loss is back-propagated
/// into them (and into the projection's weight) and freed, and the accumulated state gradient is then sent
/// through the encoder and decoder once: the same loss and the same gradients as the unchunked computation,
/// with the logits' memory divided by tokens / chunk.</summary>
public sealed class ChunkedLoss(LabelSmoothingLoss criterion, int chunkTokens)
{
    /// <summary>Target positions per chunk of the output projection.</summary>
    public int ChunkTokens { get; } = chunkTokens > 0 ? chunkTokens
        : throw new ArgumentOutOfRangeException(nameof(chunkTokens), chunkTokens, "a chunk needs at least one token.");

    /// <summary>Forward and backward for one training batch: gradients are accumulated into the parameters
    /// (as <c>loss.backward()</c> would do); returns the loss per real target token.</summary>
    /// <param name="model">The model, split into decoder states and projection.</param>
    /// <param name="src">[B, S]</param> <param name="tgtIn">[B, T]</param> <param name="tgtOut">[B, T] (pad = ignored)</param>
    public float Backward(IProjectedOutput model, Tensor src, Tensor tgtIn, Tensor tgtOut)
    {
        using var scope = torch.NewDisposeScope();
        var (states, targets) = RealPositions(model.DecoderStates(src, tgtIn), tgtOut);   // [N, D], [N]
        long n = targets.shape[0];
        if (n == 0) return 0f;
        var cut = states.detach().requires_grad_(true);                                   // leaf: collects ∂loss/∂states
        double sum = 0;
        foreach (var (start, length) in Chunks(n))
        {
            using var chunkScope = torch.NewDisposeScope();
            var (chunkSum, _) = criterion.SumAndCount(model.Project(cut.narrow(0, start, length)), targets.narrow(0, start, length));
            (chunkSum / n).backward();                       // this chunk's share of the mean; logits freed here
            sum += chunkSum.item<float>();
        }
        states.backward([cut.grad!]);                         // one pass through decoder and encoder
        return (float)(sum / n);
    }

    /// <summary>Summed losses of <paramref name="criteria"/> and the real-token count, chunk by chunk, without
    /// gradients (evaluation): one decoder pass and one projection per chunk for all of them.</summary>
    public (double[] Sums, long Count) Sums(IProjectedOutput model, Tensor src, Tensor tgtIn, Tensor tgtOut, params LabelSmoothingLoss[] criteria)
    {
        using var scope = torch.NewDisposeScope();
        var (states, targets) = RealPositions(model.DecoderStates(src, tgtIn), tgtOut);
        long n = targets.shape[0];
        var sums = new double[criteria.Length];
        foreach (var (start, length) in Chunks(n))
        {
            using var chunkScope = torch.NewDisposeScope();
            var (logits, chunkTargets) = (model.Project(states.narrow(0, start, length)), targets.narrow(0, start, length));
            for (int c = 0; c < criteria.Length; c++) sums[c] += criteria[c].SumAndCount(logits, chunkTargets).Sum.item<float>();
        }
        return (sums, n);
    }

    // (start, length) of each chunk of n positions.
    private IEnumerable<(long Start, long Length)> Chunks(long n)
    {
        for (long start = 0; start < n; start += ChunkTokens) yield return (start, Math.Min(ChunkTokens, n - start));
    }

    // [B, T, D], [B, T] → the states and targets of the positions whose target is not the ignored id: [N, D], [N].
    private (Tensor States, Tensor Targets) RealPositions(Tensor states, Tensor tgtOut)
    {
        var flatTargets = tgtOut.reshape(-1);                                              // [B·T]
        var keep = flatTargets.ne(criterion.IgnoreIndex).nonzero().squeeze(1);             // [N]
        var flatStates = states.reshape(-1, states.shape[^1]);                            // [B·T, D]
        return (flatStates.index_select(0, keep), flatTargets.index_select(0, keep));
    }
}
