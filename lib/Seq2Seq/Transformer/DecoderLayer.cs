using Seq2Seq.Attention;
using Seq2Seq.Layers;
using Seq2Seq.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>One decoder layer (Vaswani et al. 2017, Figure 1 right): masked self-attention, cross-attention
/// over the encoder memory, feed-forward; each in a residual connection with layer normalisation.
/// <see cref="Step"/> runs one new position against a key/value cache and returns the grown cache.</summary>
public sealed class DecoderLayer : nn.Module<Tensor, Tensor, Tensor?, Tensor?, Tensor>
{
    private readonly MultiHeadAttention self_attn, cross_attn;
    private readonly PositionwiseFeedForward feed_forward;
    private readonly ResidualNorm self_residual, cross_residual, ff_residual;

    public DecoderLayer(long dModel, long heads, long dFeedForward, double dropout, bool preNorm) : base(nameof(DecoderLayer))
    {
        self_attn = new MultiHeadAttention(dModel, heads, dropout);
        cross_attn = new MultiHeadAttention(dModel, heads, dropout);
        feed_forward = new PositionwiseFeedForward(dModel, dFeedForward, dropout);
        self_residual = new ResidualNorm(dModel, dropout, preNorm);
        cross_residual = new ResidualNorm(dModel, dropout, preNorm);
        ff_residual = new ResidualNorm(dModel, dropout, preNorm);
        RegisterComponents();
    }

    /// <param name="x">[B, T, D]</param> <param name="memory">[B, S, D] encoder output</param>
    /// <param name="srcMask">[B, 1, 1, S], true = real source token.</param> <param name="tgtMask">[1|B, 1, T, T], true = may attend.</param>
    /// <returns>[B, T, D]</returns>
    public override Tensor forward(Tensor x, Tensor memory, Tensor? srcMask, Tensor? tgtMask) =>
        Forward(x, memory, srcMask, tgtMask, needWeights: false).Output;

    /// <summary>As <see cref="forward"/>, optionally returning SelfWeights [B, H, T, T] and CrossWeights [B, H, T, S].</summary>
    public (Tensor Output, Tensor? SelfWeights, Tensor? CrossWeights) Forward(
        Tensor x, Tensor memory, Tensor? srcMask, Tensor? tgtMask, bool needWeights)
    {
        using var scope = new LayerScope();                                                       // frees this layer's temporaries
        Tensor? selfWeights = null, crossWeights = null;
        var h = self_residual.forward(x, y =>
        {
            (var output, selfWeights) = self_attn.Forward(y, y, y, tgtMask, needWeights);
            return output;
        });
        h = cross_residual.forward(h, y =>
        {
            (var output, crossWeights) = cross_attn.Forward(y, memory, memory, srcMask, needWeights);
            return output;
        });
        return (scope.Keep(ff_residual.forward(h, feed_forward.forward))!, scope.Keep(selfWeights), scope.Keep(crossWeights));   // [B, T, D]
    }

    /// <summary>Cross-attention keys/values of the memory, computed once per sentence. memory: [B, S, D].</summary>
    public DecoderLayerCache StartCache(Tensor memory) => new(null, cross_attn.Project(memory, memory));

    /// <summary>One incremental step: x is the newest position only; it attends to the cached past positions and
    /// itself, so no causal mask is needed.</summary>
    /// <param name="x">[B, 1, D]</param> <param name="cache">This layer's cache.</param>
    /// <param name="srcMask">[B, 1, 1, S], true = real source token.</param>
    /// <returns>Output [B, 1, D] and the cache with this position appended to <c>Self</c>.</returns>
    public (Tensor Output, DecoderLayerCache Cache) Step(Tensor x, DecoderLayerCache cache, Tensor? srcMask)
    {
        using var scope = new LayerScope();
        KeyValueCache? grown = null;
        var h = self_residual.forward(x, y =>
        {
            var current = self_attn.Project(y, y);                                                  // [B, H, 1, Dh]
            grown = cache.Self is null ? current : cache.Self.Append(current);                     // [B, H, t+1, Dh]
            return self_attn.AttendTo(y, grown, null, needWeights: false).Output;
        });
        h = cross_residual.forward(h, y => cross_attn.AttendTo(y, cache.Cross, srcMask, needWeights: false).Output);
        // Keep the output and the grown self-attention cache (both new); the cross cache came in from outside.
        return (scope.Keep(ff_residual.forward(h, feed_forward.forward))!, cache with { Self = scope.Keep(grown) });   // [B, 1, D]
    }
}
