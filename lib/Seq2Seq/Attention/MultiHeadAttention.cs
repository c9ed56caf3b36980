using Seq2Seq.Diagnostics;
using Seq2Seq.Layers;
using Seq2Seq.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Attention;

/// <summary>Multi-head attention (Vaswani et al. 2017, §3.2.2) in five steps: project with W^Q, W^K, W^V;
/// split into H heads of size Dh = D / H; attend in each head; concatenate the heads; project with W^O.
/// W^Q, W^K and W^V stay three separate matrices for teaching (state_dict keys <c>w_q</c>, <c>w_k</c>,
/// <c>w_v</c>, <c>w_o</c>). When no weights are requested it runs libtorch's fused attention kernel, except for
/// dropout on the CPU, which takes the explicit softmax(QKᵀ/√Dh)·V with <see cref="FastDropout"/> on the weights.</summary>
public sealed class MultiHeadAttention : nn.Module<Tensor, Tensor, Tensor, Tensor?, (Tensor Output, Tensor Weights)>
{
    private readonly Linear w_q, w_k, w_v, w_o;
    private readonly FastDropout dropout;
    private readonly long numHeads, headDim;

    /// <param name="dModel">D, the model width.</param> <param name="numHeads">H; must divide D.</param>
    /// <param name="dropout">Dropout on the attention weights (training only).</param>
    public MultiHeadAttention(long dModel, long numHeads, double dropout = 0.0) : base(nameof(MultiHeadAttention))
    {
        if (numHeads < 1 || dModel % numHeads != 0)
            throw new ArgumentException($"MultiHeadAttention: dModel ({dModel}) must be a positive multiple of numHeads ({numHeads}).");
        (this.numHeads, headDim) = (numHeads, dModel / numHeads);
        (w_q, w_k, w_v, w_o) = (nn.Linear(dModel, dModel), nn.Linear(dModel, dModel), nn.Linear(dModel, dModel), nn.Linear(dModel, dModel));
        this.dropout = new FastDropout(dropout);
        RegisterComponents();
    }

    /// <summary>Attention with per-head weights (the teaching/plotting path).</summary>
    /// <param name="query">[B, T, D]</param> <param name="key">[B, S, D]</param> <param name="value">[B, S, D]</param>
    /// <param name="mask">bool broadcastable to [B, H, T, S] (e.g. [B, 1, 1, S] or [1, 1, T, T]), true = may attend.</param>
    /// <returns>Output [B, T, D], Weights [B, H, T, S].</returns>
    public override (Tensor Output, Tensor Weights) forward(Tensor query, Tensor key, Tensor value, Tensor? mask)
    {
        var (output, weights) = AttendTo(query, Project(key, value), mask, needWeights: true);
        return (output, weights!);
    }

    /// <summary>Same as <see cref="forward"/>; weights only when <paramref name="needWeights"/> (else null, fast path).</summary>
    public (Tensor Output, Tensor? Weights) Forward(Tensor query, Tensor key, Tensor value, Tensor? mask, bool needWeights)
    {
        if (!ReferenceEquals(query, key) || !ReferenceEquals(key, value))
            return AttendTo(query, Project(key, value), mask, needWeights);
        // Self-attention: Q, K and V come from one input, so one [3D, D] matrix product does the work of three
        // (same arithmetic, fewer and larger GEMMs). The parameters stay w_q, w_k, w_v.
        var qkv = nn.functional.linear(query, torch.cat([w_q.weight, w_k.weight, w_v.weight], 0),
                                       torch.cat([w_q.bias!, w_k.bias!, w_v.bias!], 0));         // [B, T, 3D]
        var parts = qkv.chunk(3, -1);                                                              // 3 × [B, T, D]
        return Attend(SplitHeads(parts[0]), new KeyValueCache(SplitHeads(parts[1]), SplitHeads(parts[2])), mask, needWeights);
    }

    /// <summary>Steps 1–2 for keys and values: key, value [B, S, D] → cache with Keys, Values [B, H, S, Dh].
    /// When both are the same tensor (cross-attention over the memory), W^K and W^V run as one matrix product.</summary>
    public KeyValueCache Project(Tensor key, Tensor value)
    {
        if (!ReferenceEquals(key, value)) return new(SplitHeads(w_k.forward(key)), SplitHeads(w_v.forward(value)));
        var kv = nn.functional.linear(key, torch.cat([w_k.weight, w_v.weight], 0),
                                      torch.cat([w_k.bias!, w_v.bias!], 0)).chunk(2, -1);        // 2 × [B, S, D]
        return new(SplitHeads(kv[0]), SplitHeads(kv[1]));                                          // [B, H, S, Dh]
    }

    /// <summary>Steps 1–5 for queries attending to already projected keys/values (full or cached).</summary>
    /// <param name="query">[B, T, D]</param> <param name="keyValues">Keys/Values [B, H, S, Dh]</param>
    /// <param name="mask">bool broadcastable to [B, H, T, S], true = may attend; null = all.</param>
    /// <param name="needWeights">Return Weights [B, H, T, S] (explicit path) or null (fused path).</param>
    /// <returns>Output [B, T, D] and the weights if requested.</returns>
    public (Tensor Output, Tensor? Weights) AttendTo(Tensor query, KeyValueCache keyValues, Tensor? mask, bool needWeights)
    {
        // A batch of 1 on either side would broadcast silently in the matmuls: check the shapes that meet here.
        Shape.Expect(query, "B,T,D", [keyValues.Keys.shape[0], Shape.Any, numHeads * headDim], "MultiHeadAttention query");
        return Attend(SplitHeads(w_q.forward(query)), keyValues, mask, needWeights);              // q [B, H, T, Dh]
    }

    /// <summary>Steps 3–5: projected queries q [B, H, T, Dh] attend to keys/values [B, H, S, Dh].</summary>
    private (Tensor Output, Tensor? Weights) Attend(Tensor q, KeyValueCache keyValues, Tensor? mask, bool needWeights)
    {
        Shape.Expect(keyValues.Values, "B,H,S,Dh", keyValues.Keys.shape, "MultiHeadAttention values (vs keys)");
        // On the CPU libtorch's fused kernel drops weights by falling back to the explicit math with libtorch's
        // dropout, ~8× slower than FastDropout on the weights (BENCHMARKS.md): there, dropout takes the explicit path.
        // On CUDA the fused kernels drop weights themselves, fast.
        double p = training ? dropout.P : 0.0;
        if (!needWeights && (p == 0.0 || !DropoutNoise.Supports(q)))
        {
            var fused = Attention.Fused(q, keyValues.Keys, keyValues.Values, mask, p);
            return (w_o.forward(MergeHeads(fused)), null);                                         // [B, T, D]
        }
        var (context, weights) = Attention.ScaledDotProduct(q, keyValues.Keys, keyValues.Values, mask, dropout);
        return (w_o.forward(MergeHeads(context)), needWeights ? weights : null);                 // [B, T, D], [B, H, T, S]
    }

    private Tensor SplitHeads(Tensor x) =>
        x.view(x.shape[0], x.shape[1], numHeads, headDim).transpose(1, 2);                         // [B, H, T, Dh]

    private Tensor MergeHeads(Tensor x) =>
        x.transpose(1, 2).reshape(x.shape[0], x.shape[2], numHeads * headDim);                     // [B, T, D]
}
