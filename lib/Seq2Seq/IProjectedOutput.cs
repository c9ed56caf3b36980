using static TorchSharp.torch;

namespace Seq2Seq;

/// <summary>A model whose logits are a projection of decoder states, exposed in two halves so that a trainer
/// can apply the output projection (the largest tensor of a small translator: tokens × vocabulary) in chunks,
/// see <see cref="Training.ChunkedLoss"/>. Logits(src, tgtIn) must equal Project(DecoderStates(src, tgtIn)).</summary>
public interface IProjectedOutput
{
    /// <summary>srcIds [B, S], tgtIn [B, T] → the last decoder layer's states [B, T, D].</summary>
    Tensor DecoderStates(Tensor srcIds, Tensor tgtIn);

    /// <summary>[..., D] decoder states → [..., V] unnormalised scores.</summary>
    Tensor Project(Tensor states);
}
