using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>Every attention distribution of one forward pass, one tensor per layer, for plotting.
/// Returned (never cached in the model); they live in the caller's dispose scope.</summary>
/// <param name="EncoderSelf">[L][B, H, S, S]</param>
/// <param name="DecoderSelf">[L][B, H, T, T] (causal: zero above the diagonal)</param>
/// <param name="DecoderCross">[L][B, H, T, S]</param>
public sealed record AttentionMaps(IReadOnlyList<Tensor> EncoderSelf, IReadOnlyList<Tensor> DecoderSelf, IReadOnlyList<Tensor> DecoderCross);
