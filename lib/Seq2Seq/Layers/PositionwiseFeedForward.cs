using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Layers;

/// <summary>FFN(x) = max(0, x W1 + b1) W2 + b2, applied to each position separately (Vaswani et al. 2017, Eq. 2),
/// with dropout on the hidden activations.</summary>
public sealed class PositionwiseFeedForward : nn.Module<Tensor, Tensor>
{
    private readonly Linear w_1, w_2;
    private readonly FastDropout dropout;

    /// <param name="dModel">D</param> <param name="dFeedForward">F, the hidden width (paper: 4·D).</param>
    /// <param name="dropout">Dropout on the hidden activations.</param>
    public PositionwiseFeedForward(long dModel, long dFeedForward, double dropout = 0.0) : base(nameof(PositionwiseFeedForward))
    {
        (w_1, w_2) = (nn.Linear(dModel, dFeedForward), nn.Linear(dFeedForward, dModel));
        this.dropout = new FastDropout(dropout);
        RegisterComponents();
    }

    /// <param name="x">[B, T, D]</param> <returns>[B, T, D]</returns>
    public override Tensor forward(Tensor x) => w_2.forward(dropout.forward(nn.functional.relu(w_1.forward(x))));   // [B, T, F] inside
}
