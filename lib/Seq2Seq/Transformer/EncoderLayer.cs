using Seq2Seq.Attention;
using Seq2Seq.Layers;
using Seq2Seq.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>One encoder layer (Vaswani et al. 2017, Figure 1 left): self-attention, then the position-wise
/// feed-forward network, each wrapped in a residual connection with layer normalisation.</summary>
public sealed class EncoderLayer : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly MultiHeadAttention self_attn;
    private readonly PositionwiseFeedForward feed_forward;
    private readonly ResidualNorm attn_residual, ff_residual;

    public EncoderLayer(long dModel, long heads, long dFeedForward, double dropout, bool preNorm) : base(nameof(EncoderLayer))
    {
        self_attn = new MultiHeadAttention(dModel, heads, dropout);
        feed_forward = new PositionwiseFeedForward(dModel, dFeedForward, dropout);
        attn_residual = new ResidualNorm(dModel, dropout, preNorm);
        ff_residual = new ResidualNorm(dModel, dropout, preNorm);
        RegisterComponents();
    }

    /// <param name="x">[B, S, D]</param> <param name="srcMask">[B, 1, 1, S] bool, true = real token (may attend).</param>
    /// <returns>[B, S, D]</returns>
    public override Tensor forward(Tensor x, Tensor? srcMask) => Forward(x, srcMask, needWeights: false).Output;

    /// <summary>As <see cref="forward"/>, optionally returning the self-attention weights [B, H, S, S].</summary>
    public (Tensor Output, Tensor? Weights) Forward(Tensor x, Tensor? srcMask, bool needWeights)
    {
        using var scope = new LayerScope();                                                       // frees this layer's temporaries
        Tensor? weights = null;
        var h = attn_residual.forward(x, y =>
        {
            var (output, w) = self_attn.Forward(y, y, y, srcMask, needWeights);
            weights = w;
            return output;
        });
        return (scope.Keep(ff_residual.forward(h, feed_forward.forward))!, scope.Keep(weights));   // [B, S, D]
    }
}
