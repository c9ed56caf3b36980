using Seq2Seq.Layers;
using Seq2Seq.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Seq2Seq.Recurrent;

/// <summary>Embedding + bidirectional GRU (Bahdanau et al. 2015, §3.2), batch-first. Padded rows are packed
/// (<c>pack_padded_sequence</c>), so the backward direction starts at each sentence's real last token and
/// padding never reaches an output or the final state (the leak of bentrevett/pytorch-seq2seq#90).</summary>
public sealed class GruEncoder : Module<Tensor, (Tensor Outputs, Tensor Final)>
{
    private readonly Embedding embedding;
    private readonly FastDropout dropout;
    private readonly GRU rnn;
    private readonly Linear bridge;

    /// <param name="vocabSize">V, source vocabulary size.</param>
    /// <param name="embeddingDim">E.</param>
    /// <param name="hiddenSize">Hd, output size: Hd/2 per direction, concatenated.</param>
    /// <param name="decoderHidden">size of <c>Final</c>, the decoder's initial state.</param>
    /// <param name="dropout">on the embeddings.</param>
    public GruEncoder(long vocabSize, long embeddingDim, long hiddenSize, long decoderHidden, double dropout = 0.0)
        : base(nameof(GruEncoder))
    {
        if (hiddenSize % 2 != 0) throw new ArgumentException($"GruEncoder: hiddenSize must be even (two directions), got {hiddenSize}.");
        embedding = Embedding(vocabSize, embeddingDim, padding_idx: SpecialTokens.Pad);
        this.dropout = new FastDropout(dropout);
        rnn = GRU(embeddingDim, hiddenSize / 2, batchFirst: true, bidirectional: true);
        bridge = Linear(hiddenSize, decoderHidden);
        RegisterComponents();
    }

    /// <param name="srcIds">[B, S] int64, each row padded with <see cref="SpecialTokens.Pad"/> at the end only.</param>
    /// <returns>Outputs [B, S, Hd] (exactly 0 at padded positions) and Final [B, decoderHidden] =
    /// tanh(W [→h_last; ←h_first]), the bridge from the two directions' final states to the decoder.</returns>
    public override (Tensor Outputs, Tensor Final) forward(Tensor srcIds)
    {
        var lengths = Lengths(srcIds);                                          // [B] int64 on the CPU
        var embedded = dropout.forward(embedding.forward(srcIds));             // [B, S, E]
        using var packed = torch.nn.utils.rnn.pack_padded_sequence(embedded, lengths, batch_first: true, enforce_sorted: false);
        var (packedOutputs, finals) = rnn.call(packed, null);                      // finals: [2, B, Hd/2] in input order
        using (packedOutputs)
        {
            var (outputs, _) = torch.nn.utils.rnn.pad_packed_sequence(packedOutputs, batch_first: true, total_length: srcIds.shape[1]);   // [B, S, Hd]
            var final = bridge.forward(cat([finals[0], finals[1]], -1)).tanh(); // [B, decoderHidden]
            return (outputs, final);
        }
    }

    /// <summary>Real lengths of the rows; throws when a row is empty or has padding before a real token.</summary>
    private static Tensor Lengths(Tensor srcIds)
    {
        if (srcIds.dim() != 2 || srcIds.dtype != ScalarType.Int64)
            throw new ArgumentException($"GruEncoder: srcIds must be [B, S] int64, got [{string.Join(", ", srcIds.shape)}] {srcIds.dtype}.", nameof(srcIds));
        var real = srcIds.ne(SpecialTokens.Pad);                                 // [B, S]
        var lengths = real.sum(1).cpu();                                        // [B]
        var positions = arange(srcIds.shape[1], device: srcIds.device).unsqueeze(0);   // [1, S]
        var prefix = positions.lt(lengths.to(srcIds.device).unsqueeze(1));     // [B, S]: true for the first length positions
        long[] counts = lengths.data<long>().ToArray();
        int empty = Array.IndexOf(counts, 0L);
        if (empty >= 0) throw new ArgumentException($"GruEncoder: source row {empty} has no tokens (all padding).", nameof(srcIds));
        if (!prefix.eq(real).all().item<bool>())
            throw new ArgumentException("GruEncoder: padding must come after the last real token of each row (found a pad inside a sentence).", nameof(srcIds));
        return lengths;
    }
}
