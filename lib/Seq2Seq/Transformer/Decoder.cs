using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>A stack of L <see cref="DecoderLayer"/>s (+ a final LayerNorm with pre-norm), run either over a
/// whole target prefix (training, uncached decoding) or one position at a time with per-layer caches.</summary>
public sealed class Decoder : nn.Module<Tensor, Tensor, Tensor?, Tensor?, Tensor>
{
    private readonly ModuleList<DecoderLayer> layers;
    private readonly LayerNorm? norm;                 // pre-norm only

    public Decoder(int numLayers, long dModel, long heads, long dFeedForward, double dropout, bool preNorm) : base(nameof(Decoder))
    {
        layers = nn.ModuleList(Enumerable.Range(0, numLayers)
            .Select(_ => new DecoderLayer(dModel, heads, dFeedForward, dropout, preNorm)).ToArray());
        norm = preNorm ? nn.LayerNorm(dModel) : null;
        RegisterComponents();
    }

    /// <param name="x">[B, T, D] embedded target prefix</param> <param name="memory">[B, S, D]</param>
    /// <param name="srcMask">[B, 1, 1, S], true = real source token.</param> <param name="tgtMask">[1|B, 1, T, T], true = may attend.</param>
    /// <returns>[B, T, D]</returns>
    public override Tensor forward(Tensor x, Tensor memory, Tensor? srcMask, Tensor? tgtMask) =>
        Forward(x, memory, srcMask, tgtMask, needWeights: false).Output;

    /// <summary>As <see cref="forward"/>, optionally with per-layer SelfWeights [B, H, T, T] and CrossWeights [B, H, T, S].</summary>
    public (Tensor Output, IReadOnlyList<Tensor> SelfWeights, IReadOnlyList<Tensor> CrossWeights) Forward(
        Tensor x, Tensor memory, Tensor? srcMask, Tensor? tgtMask, bool needWeights)
    {
        var (self, cross) = (new List<Tensor>(), new List<Tensor>());
        foreach (var layer in layers)
        {
            (x, var s, var c) = layer.Forward(x, memory, srcMask, tgtMask, needWeights);
            if (s is not null) self.Add(s);
            if (c is not null) cross.Add(c);
        }
        return (norm is null ? x : norm.forward(x), self, cross);
    }

    /// <summary>Per-layer caches holding the memory's cross-attention K/V. memory: [B, S, D].</summary>
    public IReadOnlyList<DecoderLayerCache> StartCaches(Tensor memory) => layers.Select(l => l.StartCache(memory)).ToArray();

    /// <summary>One incremental step. x: [B, 1, D] newest position → [B, 1, D] and the grown caches.</summary>
    public (Tensor Output, IReadOnlyList<DecoderLayerCache> Caches) Step(Tensor x, IReadOnlyList<DecoderLayerCache> caches, Tensor? srcMask)
    {
        if (caches.Count != layers.Count)
            throw new ArgumentException($"Decoder.Step: {caches.Count} layer caches for {layers.Count} layers.", nameof(caches));
        var grown = new DecoderLayerCache[caches.Count];
        for (int i = 0; i < grown.Length; i++) (x, grown[i]) = layers[i].Step(x, caches[i], srcMask);
        return (norm is null ? x : norm.forward(x), grown);
    }
}
