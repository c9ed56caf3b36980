using Seq2Seq.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Attention;

/// <summary>Attention masks. One polarity everywhere: <b>bool, true = may attend</b> (the convention of
/// <c>scaled_dot_product_attention</c>'s <c>attn_mask</c>). Masks come in broadcastable forms so that one
/// tensor serves every head and every query: they broadcast against attention scores [B, H, T, S].</summary>
public static class Masks
{
    /// <summary>Which keys are real tokens. ids: [B, S] int64 → [B, 1, 1, S] bool, true where
    /// <c>ids != padId</c> (broadcasts over heads and queries).</summary>
    public static Tensor Padding(Tensor ids, long padId = SpecialTokens.Pad)
    {
        if (ids.dim() != 2)
            throw new ArgumentException($"Masks.Padding: ids must be [B, S], got [{string.Join(", ", ids.shape)}].", nameof(ids));
        return ids.ne(padId).unsqueeze(1).unsqueeze(1);                  // [B, 1, 1, S]
    }

    /// <summary>Position i may attend to positions j ≤ i (no peeking at the future; Vaswani et al. 2017, §3.2.3).
    /// → [1, 1, T, T] bool, lower triangle (diagonal included) true.</summary>
    public static Tensor Causal(long length, Device? device = null)
    {
        if (length < 1) throw new ArgumentOutOfRangeException(nameof(length), length, "Masks.Causal: length must be ≥ 1.");
        return torch.ones(length, length, dtype: ScalarType.Bool, device: device).tril().unsqueeze(0).unsqueeze(0); // [1, 1, T, T]
    }

    /// <summary>Causal mask combined with the padding of the target keys. tgtIds: [B, T] → [B, 1, T, T].
    /// The Transformer itself uses <see cref="Causal"/> alone for decoder self-attention: padding only ever sits
    /// at the tail, so the causal mask already hides it from every real position (see TransformerModel).</summary>
    public static Tensor CausalPadding(Tensor tgtIds, long padId = SpecialTokens.Pad) =>
        Padding(tgtIds, padId).logical_and(Causal(tgtIds.shape[1], tgtIds.device));   // [B, 1, T, T]

    /// <summary>Converts a true = may-attend mask to the opposite polarity (true = ignore) used by
    /// <c>torch.nn.MultiheadAttention</c>'s <c>attn_mask</c>/<c>key_padding_mask</c>. Only for interop with
    /// the built-in modules; the library never exposes the inverted form.</summary>
    public static Tensor ToIgnoreMask(Tensor mayAttend) => mayAttend.logical_not();

    /// <summary>Converts a true = may-attend mask to an additive float mask (0 = attend, -inf = blocked), the form
    /// TorchSharp 0.107's built-in <c>nn.MultiheadAttention</c>/<c>nn.Transformer</c> need for <c>attn_mask</c>/
    /// <c>tgt_mask</c>: measured here, they <i>add</i> a bool mask as 0/1 instead of blocking (the future leaks).
    /// Their bool <c>key_padding_mask</c> does work (use <see cref="ToIgnoreMask"/>).</summary>
    public static Tensor ToAdditive(Tensor mayAttend, ScalarType dtype = ScalarType.Float32) =>
        torch.zeros(mayAttend.shape, dtype: dtype, device: mayAttend.device).masked_fill(mayAttend.logical_not(), double.NegativeInfinity);
}
