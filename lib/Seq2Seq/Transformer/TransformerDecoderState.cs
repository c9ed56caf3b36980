using Seq2Seq.Decoding;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>The Transformer's decoding state (<see cref="IDecoderState"/>). With the KV cache it holds each
/// decoder layer's keys/values; without it, the encoder memory, and every step recomputes the decoder over the
/// whole prefix. Immutable: <see cref="TransformerModel.Step"/> returns a new state.</summary>
public sealed class TransformerDecoderState : IDecoderState
{
    internal TransformerDecoderState(Tensor srcMask, Tensor prefix, Tensor? memory, IReadOnlyList<DecoderLayerCache>? caches)
    {
        if ((memory is null) == (caches is null))
            throw new ArgumentException("TransformerDecoderState holds either the memory (uncached) or the layer caches (cached).");
        (SrcMask, Prefix, Memory, Caches) = (srcMask, prefix, memory, caches);
    }

    /// <summary>[B, 1, 1, S] bool, true = real source token.</summary>
    public Tensor SrcMask { get; }

    /// <summary>[B, t] int64: the tokens fed so far (BOS first); t = 0 before the first step.</summary>
    public Tensor Prefix { get; }

    /// <summary>[B, S, D] encoder output; set only without the KV cache.</summary>
    public Tensor? Memory { get; }

    /// <summary>Per-layer K/V caches; set only with the KV cache.</summary>
    public IReadOnlyList<DecoderLayerCache>? Caches { get; }

    /// <summary>Whether steps use the KV cache.</summary>
    public bool UsesCache => Caches is not null;

    /// <summary>B, the number of rows (sentences × beams).</summary>
    public long BatchSize => SrcMask.shape[0];

    /// <summary>t, the number of tokens decoded so far (the position of the next one).</summary>
    public long Length => Prefix.shape[1];

    /// <inheritdoc/>
    public IDecoderState Select(Tensor index) => new TransformerDecoderState(
        SrcMask.index_select(0, index), Prefix.index_select(0, index), Memory?.index_select(0, index),
        Caches?.Select(c => c.Select(index)).ToArray());

    /// <inheritdoc/>
    public IEnumerable<Tensor> Tensors
    {
        get
        {
            yield return SrcMask;
            yield return Prefix;
            if (Memory is not null) yield return Memory;
            foreach (var tensor in Caches?.SelectMany(c => c.Tensors) ?? []) yield return tensor;
        }
    }
}
