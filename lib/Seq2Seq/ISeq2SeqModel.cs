using Seq2Seq.Decoding;
using static TorchSharp.torch;

namespace Seq2Seq;

/// <summary>What the trainer needs from any translation model (GRU or Transformer): teacher-forced logits
/// for a batch, plus step-wise decoding for evaluation. Masks are derived from the pad id inside the model.</summary>
public interface ISeq2SeqModel : IStepDecoder
{
    /// <summary>srcIds [B, S], tgtIn [B, T] (int64, pad = <see cref="Text.SpecialTokens.Pad"/>)
    /// → logits [B, T, V] (unnormalised scores for TgtOut).</summary>
    Tensor Logits(Tensor srcIds, Tensor tgtIn);
}
