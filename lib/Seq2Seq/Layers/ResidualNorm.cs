using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Layers;

/// <summary>The residual connection around each sub-layer, with layer normalisation placed either
/// after the sum (post-norm, the paper's LayerNorm(x + Sublayer(x)), §3.1) or before the sub-layer
/// (pre-norm, x + Sublayer(LayerNorm(x)); Xiong et al. 2020: trains stably without warm-up).
/// Dropout is applied to the sub-layer output before the sum (§5.4).</summary>
public sealed class ResidualNorm : nn.Module<Tensor, Func<Tensor, Tensor>, Tensor>
{
    private readonly LayerNorm norm;
    private readonly FastDropout dropout;
    private readonly bool preNorm;

    /// <param name="dModel">D</param> <param name="dropout">Residual dropout.</param>
    /// <param name="preNorm">true: pre-norm; false: post-norm (paper).</param>
    public ResidualNorm(long dModel, double dropout, bool preNorm) : base(nameof(ResidualNorm))
    {
        norm = nn.LayerNorm(dModel);
        this.dropout = new FastDropout(dropout);
        this.preNorm = preNorm;
        RegisterComponents();
    }

    /// <param name="x">[B, T, D]</param> <param name="sublayer">[B, T, D] → [B, T, D] (attention or feed-forward).</param>
    /// <returns>[B, T, D]</returns>
    public override Tensor forward(Tensor x, Func<Tensor, Tensor> sublayer) => preNorm
        ? x.add(dropout.forward(sublayer(norm.forward(x))))
        : norm.forward(x.add(dropout.forward(sublayer(x))));
}
