using Seq2Seq.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Layers;

/// <summary>Inverted dropout (Srivastava et al. 2014): in training, each element is zeroed with probability p and
/// the survivors are scaled by 1/(1 − p), so nothing changes in expectation and evaluation needs no rescaling;
/// in evaluation it is the identity. Same contract as <c>nn.Dropout</c>; on the CPU the mask comes from
/// <see cref="DropoutNoise"/>, which is several times faster than libtorch's CPU dropout (on other devices, and for
/// other types than float32, libtorch's own dropout runs).</summary>
public sealed class FastDropout : nn.Module<Tensor, Tensor>
{
    private readonly double p;

    /// <param name="p">Drop probability in [0, 1].</param>
    public FastDropout(double p) : base(nameof(FastDropout))
    {
        if (!(p >= 0.0 && p <= 1.0)) throw new ArgumentOutOfRangeException(nameof(p), p, "FastDropout: p must be in [0, 1].");
        this.p = p;
    }

    /// <summary>The drop probability.</summary>
    public double P => p;

    /// <param name="x">any shape</param> <returns>same shape</returns>
    public override Tensor forward(Tensor x) => Apply(x, p, training);

    /// <summary>Dropout as a function: x with each element zeroed with probability p and the rest scaled by
    /// 1/(1 − p) when <paramref name="training"/>, else x unchanged (a new handle to the same data).</summary>
    public static Tensor Apply(Tensor x, double p, bool training)
    {
        if (!training || p == 0.0) return x.alias();
        if (p >= 1.0) return x.mul(0.0);                                     // keeps the graph: the gradient is 0
        if (!DropoutNoise.Supports(x)) return nn.functional.dropout(x, p, training: true);
        using var noise = DropoutNoise.Make(x.shape, p);                    // [x's shape]: 0 or 1/(1 − p)
        return x.mul(noise);                                                 // autograd keeps the noise for backward
    }
}
