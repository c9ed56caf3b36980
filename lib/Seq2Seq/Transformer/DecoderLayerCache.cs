using Seq2Seq.Attention;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>What one decoder layer keeps between incremental decoding steps.</summary>
/// <param name="Self">Self-attention K/V of the positions decoded so far [B, H, t, Dh]; null before the first step.
/// Grows by one position per step.</param>
/// <param name="Cross">Cross-attention K/V of the encoder memory [B, H, S, Dh], computed once per sentence.</param>
public sealed record DecoderLayerCache(KeyValueCache? Self, KeyValueCache Cross)
{
    /// <summary>Rows <c>index</c> of the batch (beam search). index: [B'] int64.</summary>
    public DecoderLayerCache Select(Tensor index) => new(Self?.Select(index), Cross.Select(index));

    /// <summary>Every tensor held.</summary>
    public IEnumerable<Tensor> Tensors =>
        Self is null ? [Cross.Keys, Cross.Values] : [Self.Keys, Self.Values, Cross.Keys, Cross.Values];
}
