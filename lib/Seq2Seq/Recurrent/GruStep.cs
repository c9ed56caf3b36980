using static TorchSharp.torch;

namespace Seq2Seq.Recurrent;

/// <summary>The result of one decoder step.</summary>
/// <param name="Logits">[B, V] unnormalised scores of the next token.</param>
/// <param name="Hidden">[B, Hd] the new GRU state.</param>
/// <param name="Feed">[B, Hd] Luong's attentional state h̃ₜ for input feeding; null for the other decoders.</param>
/// <param name="Weights">[B, S] attention weights of this step; null for the no-attention baseline.</param>
public sealed record GruStep(Tensor Logits, Tensor Hidden, Tensor? Feed, Tensor? Weights);
