using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Seq2Seq.Attention;

/// <summary>Additive (Bahdanau) attention, Bahdanau, Cho &amp; Bengio 2015, Eq. 6 / App. A.1.2:
/// score(q, kⱼ) = vᵀ tanh(W_q q + W_k kⱼ). The projected keys W_k k do not depend on the decoder step, so the
/// caller computes them once per sentence with <see cref="ProjectKeys"/> and passes them to every step
/// (they are returned, never cached in a field: a cached tensor would die with the caller's dispose scope).</summary>
public sealed class AdditiveAttention : Module<Tensor, Tensor, Tensor, Tensor?, (Tensor Context, Tensor Weights)>
{
    private readonly Linear w_q, w_k, v;   // names = state_dict keys
    private readonly long keyDim;

    /// <param name="queryDim">Hd, the decoder state size.</param>
    /// <param name="keyDim">size of one encoder output (annotation hⱼ).</param>
    /// <param name="attentionDim">A, the size of the hidden layer of the alignment model.</param>
    public AdditiveAttention(long queryDim, long keyDim, long attentionDim) : base(nameof(AdditiveAttention))
    {
        if (queryDim <= 0 || keyDim <= 0 || attentionDim <= 0)
            throw new ArgumentException($"AdditiveAttention: sizes must be positive (queryDim {queryDim}, keyDim {keyDim}, attentionDim {attentionDim}).");
        this.keyDim = keyDim;
        w_q = Linear(queryDim, attentionDim, hasBias: false);
        w_k = Linear(keyDim, attentionDim, hasBias: false);
        v = Linear(attentionDim, 1, hasBias: false);
        RegisterComponents();
    }

    /// <summary>keys [B, S, keyDim] → W_k keys [B, S, A]. Compute once per source sentence.</summary>
    public Tensor ProjectKeys(Tensor keys)
    {
        if (keys.dim() != 3 || keys.shape[2] != keyDim)
            throw new ArgumentException($"AdditiveAttention: keys must be [B, S, {keyDim}], got [{string.Join(", ", keys.shape)}].", nameof(keys));
        return w_k.forward(keys);                                              // [B, S, A]
    }

    /// <param name="query">[B, Hd] (one decoder step) or [B, T, Hd].</param>
    /// <param name="projectedKeys">[B, S, A], from <see cref="ProjectKeys"/>.</param>
    /// <param name="values">[B, S, Dv], usually the encoder outputs themselves.</param>
    /// <param name="mask">[B, S] bool, true = may attend (null: every position); padding gets exactly 0 weight.</param>
    /// <returns>Context [B, Dv] and Weights [B, S] for a [B, Hd] query; [B, T, Dv] and [B, T, S] for [B, T, Hd].</returns>
    public override (Tensor Context, Tensor Weights) forward(Tensor query, Tensor projectedKeys, Tensor values, Tensor? mask)
    {
        var (q, single) = AttentionMath.AsSteps(query, nameof(AdditiveAttention));   // [B, T, Hd]
        AttentionMath.CheckMemory(q, projectedKeys, values, mask, nameof(AdditiveAttention));
        var hidden = (w_q.forward(q).unsqueeze(2) + projectedKeys.unsqueeze(1)).tanh();   // [B, T, S, A]
        var scores = v.forward(hidden).squeeze(-1);                            // [B, T, S]
        return AttentionMath.Combine(AttentionMath.MaskedSoftmax(scores, mask), values, single);
    }

    /// <summary>Convenience for one-off calls: projects <paramref name="keys"/> [B, S, keyDim] and attends.</summary>
    public (Tensor Context, Tensor Weights) Attend(Tensor query, Tensor keys, Tensor values, Tensor? mask) =>
        forward(query, ProjectKeys(keys), values, mask);
}
