namespace Seq2Seq.Data;

/// <summary>How <see cref="Batcher"/> groups sentences.</summary>
/// <param name="MaxTokens">Upper bound on a batch's padded size, rows × max(S, T) (EOS/BOS included). A single
/// pair longer than this still gets a batch of its own, so nothing is dropped.</param>
/// <param name="MaxSentences">Upper bound on rows per batch.</param>
/// <param name="Shuffle">Random order each epoch (training). Off: length-sorted, same every epoch (evaluation).</param>
/// <param name="Seed">With the epoch number, fixes the order completely (see <see cref="Batcher.Plan"/>).</param>
public sealed record BatcherOptions(int MaxTokens = 4096, int MaxSentences = 1024, bool Shuffle = true, int Seed = 0)
{
    /// <summary>Training default: ~4k tokens, shuffled.</summary>
    public static BatcherOptions Training { get; } = new();

    /// <summary>Evaluation default: no shuffling, so outputs come in a fixed order.</summary>
    public static BatcherOptions Evaluation { get; } = new(Shuffle: false);
}
