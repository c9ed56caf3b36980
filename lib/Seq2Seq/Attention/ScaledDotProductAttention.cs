using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Attention;

/// <summary>Scaled dot-product attention (Vaswani et al. 2017, Eq. 1): softmax(Q Kᵀ / √d_k) V.
/// The class is called <c>Attention</c> so that call sites read <c>Attention.ScaledDotProduct(...)</c>.</summary>
public static class Attention
{
    /// <summary>The explicit computation, returning the attention weights for plotting and teaching.
    /// Masked keys get exactly zero weight; a query row whose keys are all masked gets all-zero weights
    /// (and a zero context) instead of NaN.</summary>
    /// <param name="query">[..., T, Dh] (usually [B, H, T, Dh])</param>
    /// <param name="key">[..., S, Dh]</param>
    /// <param name="value">[..., S, Dv]</param>
    /// <param name="mask">bool, broadcastable to [..., T, S]; <b>true = may attend</b>. Null: attend everywhere.</param>
    /// <param name="dropout">Optional dropout on the weights (a module, so it follows train/eval mode).</param>
    /// <returns>Context [..., T, Dv] and Weights [..., T, S] (before dropout; rows sum to 1 or are all 0).</returns>
    public static (Tensor Context, Tensor Weights) ScaledDotProduct(
        Tensor query, Tensor key, Tensor value, Tensor? mask = null, nn.Module<Tensor, Tensor>? dropout = null)
    {
        var scores = query.matmul(key.transpose(-2, -1)).div_(Math.Sqrt(query.shape[^1]));   // [..., T, S]
        var weights = MaskedSoftmax(scores, mask);                                               // [..., T, S]
        var attended = dropout is null ? weights : dropout.call(weights);
        return (attended.matmul(value), weights);                                                // [..., T, Dv]
    }

    /// <summary>Softmax over the last axis that gives masked positions exactly zero weight.
    /// A row with no allowed position gets all-zero weights instead of NaN, in the forward and the backward pass.</summary>
    /// <param name="scores">[..., T, S] attention scores.</param>
    /// <param name="mask">bool, broadcastable to <paramref name="scores"/>; <b>true = may attend</b>. Null: plain softmax.</param>
    /// <returns>Weights [..., T, S]: each row sums to 1, or is all 0 when the row may attend nowhere.</returns>
    public static Tensor MaskedSoftmax(Tensor scores, Tensor? mask)
    {
        if (mask is null) return scores.softmax(-1);
        CheckMask(mask);
        // softmax(-inf, ..., -inf) is NaN (also in the backward pass). Let such rows attend everywhere
        // (finite), then zero them: the mask-sized work is tiny.
        var rowHasKey = mask.any(-1, keepdim: true);                                            // [..., T|1, 1]
        var safeMask = mask.logical_or(rowHasKey.logical_not());                                 // [..., T|1, S]
        return scores.masked_fill(safeMask.logical_not(), double.NegativeInfinity).softmax(-1)
                     .mul(rowHasKey);                                                            // [..., T, S]
    }

    /// <summary>The fused kernel (<c>torch.nn.functional.scaled_dot_product_attention</c>): the same context as
    /// <see cref="ScaledDotProduct"/> (libtorch 2.10 also gives zeros for rows with no visible key; tested), but
    /// the weights never reach the caller, so it is faster and uses less memory. Used when weights are not requested.</summary>
    /// <param name="query">[B, H, T, Dh]</param> <param name="key">[B, H, S, Dh]</param> <param name="value">[B, H, S, Dh]</param>
    /// <param name="mask">bool broadcastable to [B, H, T, S], true = may attend; or null.</param>
    /// <param name="dropoutP">Dropout probability on the weights; pass 0 in eval mode.</param>
    /// <returns>Context [B, H, T, Dh].</returns>
    public static Tensor Fused(Tensor query, Tensor key, Tensor value, Tensor? mask = null, double dropoutP = 0.0)
    {
        if (mask is null) return nn.functional.scaled_dot_product_attention(query, key, value, null, dropoutP);
        CheckMask(mask);
        // libtorch 2.10's CPU kernel is ~3x slower with a bool mask than with the equivalent additive one
        // (measured: 310 vs 116 ms forward+backward at [64, 8, 24, 32]), so convert: true → 0, false → -inf.
        var additive = torch.zeros(mask.shape, dtype: query.dtype, device: query.device)
                            .masked_fill_(mask.logical_not(), double.NegativeInfinity);              // broadcastable to [B, H, T, S]
        return nn.functional.scaled_dot_product_attention(query, key, value, additive, dropoutP);
    }

    private static void CheckMask(Tensor mask)
    {
        if (mask.dtype != ScalarType.Bool)
            throw new ArgumentException($"Attention mask must be bool (true = may attend), got {mask.dtype}.", nameof(mask));
    }
}
