using static TorchSharp.torch;

namespace Seq2Seq.Attention;

/// <summary>Shared plumbing of the recurrent attention modules (Bahdanau, Luong): shape checks, the masked
/// softmax over source positions and the weighted sum of values.</summary>
internal static class AttentionMath
{
    /// <summary>query [B, Hd] (one decoder step) or [B, T, Hd] → [B, T, Hd] and whether it was a single step.</summary>
    public static (Tensor Query, bool SingleStep) AsSteps(Tensor query, string module)
    {
        return query.dim() switch
        {
            2 => (query.unsqueeze(1), true),                                   // [B, 1, Hd]
            3 => (query.alias(), false),                                       // [B, T, Hd]
            _ => throw new ArgumentException(
                $"{module}: query must be [B, Hd] or [B, T, Hd], got [{string.Join(", ", query.shape)}].", nameof(query)),
        };
    }

    /// <summary>Checks keys/values [B, S, *] and mask [B, S] (bool) against the query batch size.</summary>
    public static void CheckMemory(Tensor query, Tensor keys, Tensor values, Tensor? mask, string module)
    {
        long b = query.shape[0];
        if (keys.dim() != 3 || values.dim() != 3 || keys.shape[0] != b || values.shape[0] != b || keys.shape[1] != values.shape[1])
            throw new ArgumentException($"{module}: keys and values must be [B, S, *] with B = {b}, got keys " +
                $"[{string.Join(", ", keys.shape)}] and values [{string.Join(", ", values.shape)}].");
        if (mask is null) return;
        if (mask.dtype != ScalarType.Bool)
            throw new ArgumentException($"{module}: mask must be bool (true = may attend), got {mask.dtype}.", nameof(mask));
        if (mask.dim() != 2 || mask.shape[0] != b || mask.shape[1] != keys.shape[1])
            throw new ArgumentException($"{module}: mask must be [B, S] = [{b}, {keys.shape[1]}], got [{string.Join(", ", mask.shape)}].", nameof(mask));
    }

    /// <summary>Softmax over the source axis. scores [B, T, S]; mask [B, S], true = may attend.
    /// Masked positions get exactly 0 (exp(-inf)); a row with no allowed position gets all zeros, not NaN.</summary>
    public static Tensor MaskedSoftmax(Tensor scores, Tensor? mask) =>
        Attention.MaskedSoftmax(scores, mask?.unsqueeze(1));                   // mask [B, 1, S] over [B, T, S]

    /// <summary>weights [B, T, S] · values [B, S, Dv] → context [B, T, Dv]; squeezes T back out for a single step.</summary>
    public static (Tensor Context, Tensor Weights) Combine(Tensor weights, Tensor values, bool singleStep)
    {
        var context = weights.bmm(values);                                     // [B, T, Dv]
        return singleStep ? (context.squeeze(1), weights.squeeze(1)) : (context, weights);   // [B, Dv], [B, S]
    }
}
