using Seq2Seq.Decoding;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

// Step-wise decoding (IStepDecoder). Callers run it under eval() + no_grad() and own the dispose scopes.
public sealed partial class TransformerModel
{
    /// <inheritdoc/>
    /// <remarks>Uses the key/value cache when <see cref="UseKvCache"/> is true.</remarks>
    public IDecoderState Start(Tensor srcIds) => Start(srcIds, UseKvCache);

    /// <summary>Encodes the source and prepares the decoding state. srcIds: [B, S] int64.</summary>
    /// <param name="srcIds">[B, S] int64, pad = 0.</param>
    /// <param name="useCache">true: per-layer K/V caches (cross-attention K/V computed here, once);
    /// false: keep the memory and recompute the decoder over the whole prefix at every step.</param>
    public TransformerDecoderState Start(Tensor srcIds, bool useCache)
    {
        var (memory, srcMask) = Encode(srcIds);
        var prefix = torch.empty(srcIds.shape[0], 0, dtype: ScalarType.Int64, device: srcIds.device);      // [B, 0]
        return useCache
            ? new TransformerDecoderState(srcMask, prefix, null, decoder.StartCaches(memory))
            : new TransformerDecoderState(srcMask, prefix, memory, null);
    }

    /// <inheritdoc/>
    /// <param name="lastTokens">[B] int64 (BOS at the first step).</param>
    /// <param name="state">A <see cref="TransformerDecoderState"/> from <see cref="Start(Tensor)"/> or a previous step.</param>
    /// <returns>LogProbs [B, V] of the next token and the advanced state.</returns>
    public (Tensor LogProbs, IDecoderState State) Step(Tensor lastTokens, IDecoderState state)
    {
        if (state is not TransformerDecoderState s)
            throw new ArgumentException($"TransformerModel.Step needs a {nameof(TransformerDecoderState)}, got {state?.GetType().Name ?? "null"}.", nameof(state));
        if (lastTokens.dim() != 1 || lastTokens.shape[0] != s.BatchSize || lastTokens.dtype != ScalarType.Int64)
            throw new ArgumentException($"TransformerModel.Step: lastTokens must be [B={s.BatchSize}] int64, got [{string.Join(", ", lastTokens.shape)}] {lastTokens.dtype}.", nameof(lastTokens));
        var last = lastTokens.unsqueeze(1);                                                                 // [B, 1]
        var prefix = torch.cat([s.Prefix, last], 1);                                                        // [B, t+1]
        if (s.Caches is not null)
        {
            var x = tgt_pos.forward(TargetEmbedding.forward(last), s.Length);                                // [B, 1, D]
            var (hidden, caches) = decoder.Step(x, s.Caches, s.SrcMask);                                     // [B, 1, D]
            var logProbs = Project(hidden).squeeze(1).log_softmax(-1);                                       // [B, V]
            return (logProbs, new TransformerDecoderState(s.SrcMask, prefix, null, caches));
        }
        var full = DecodeHidden(prefix, s.Memory!, s.SrcMask, needWeights: false).Output;                  // [B, t+1, D]
        var lastHidden = full.narrow(1, full.shape[1] - 1, 1);                                               // [B, 1, D]
        return (Project(lastHidden).squeeze(1).log_softmax(-1), new TransformerDecoderState(s.SrcMask, prefix, s.Memory, null));
    }
}
