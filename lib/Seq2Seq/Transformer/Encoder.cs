using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>A stack of L <see cref="EncoderLayer"/>s; with pre-norm a final LayerNorm follows (the last
/// residual sum is otherwise never normalised).</summary>
public sealed class Encoder : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly ModuleList<EncoderLayer> layers;
    private readonly LayerNorm? norm;                 // pre-norm only (null: no state_dict entry)

    public Encoder(int numLayers, long dModel, long heads, long dFeedForward, double dropout, bool preNorm) : base(nameof(Encoder))
    {
        layers = nn.ModuleList(Enumerable.Range(0, numLayers)
            .Select(_ => new EncoderLayer(dModel, heads, dFeedForward, dropout, preNorm)).ToArray());
        norm = preNorm ? nn.LayerNorm(dModel) : null;
        RegisterComponents();
    }

    /// <param name="x">[B, S, D] embedded source</param> <param name="srcMask">[B, 1, 1, S], true = real token.</param>
    /// <returns>Memory [B, S, D]</returns>
    public override Tensor forward(Tensor x, Tensor? srcMask) => Forward(x, srcMask, needWeights: false).Output;

    /// <summary>As <see cref="forward"/>, optionally with each layer's self-attention weights [B, H, S, S].</summary>
    public (Tensor Output, IReadOnlyList<Tensor> Weights) Forward(Tensor x, Tensor? srcMask, bool needWeights)
    {
        var weights = new List<Tensor>();
        foreach (var layer in layers)
        {
            (x, var w) = layer.Forward(x, srcMask, needWeights);
            if (w is not null) weights.Add(w);
        }
        return (norm is null ? x : norm.forward(x), weights);
    }
}
