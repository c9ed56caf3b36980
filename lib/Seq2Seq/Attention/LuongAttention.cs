using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Seq2Seq.Attention;

/// <summary>Multiplicative / concat (Luong) attention, Luong, Pham &amp; Manning 2015, §3.1, Eq. 7–8. Unlike
/// Bahdanau, the query is the decoder state of the <em>current</em> step hₜ (computed before attending).</summary>
public sealed class LuongAttention : Module<Tensor, Tensor, Tensor, Tensor?, (Tensor Context, Tensor Weights)>
{
    private readonly Linear? w_a;   // General: [Hd → Dk]; Concat: [Hd + Dk → A]; Dot: none
    private readonly Linear? v;     // Concat only: [A → 1]
    private readonly long queryDim, keyDim;

    public LuongScore Score { get; }

    /// <param name="score">Which score function (Eq. 8).</param>
    /// <param name="queryDim">Hd, the decoder state size.</param>
    /// <param name="keyDim">Dk, the encoder output size (must equal Hd for <see cref="LuongScore.Dot"/>).</param>
    /// <param name="attentionDim">A, hidden size of the concat score (ignored otherwise; 0 = Hd).</param>
    public LuongAttention(LuongScore score, long queryDim, long keyDim, long attentionDim = 0) : base(nameof(LuongAttention))
    {
        if (queryDim <= 0 || keyDim <= 0 || attentionDim < 0)
            throw new ArgumentException($"LuongAttention: sizes must be positive (queryDim {queryDim}, keyDim {keyDim}, attentionDim {attentionDim}).");
        if (score == LuongScore.Dot && queryDim != keyDim)
            throw new ArgumentException($"LuongAttention: the dot score needs queryDim == keyDim, got {queryDim} and {keyDim}; use General.");
        (Score, this.queryDim, this.keyDim) = (score, queryDim, keyDim);
        long a = attentionDim == 0 ? queryDim : attentionDim;
        (w_a, v) = score switch
        {
            LuongScore.Dot => ((Linear?)null, (Linear?)null),
            LuongScore.General => (Linear(queryDim, keyDim, hasBias: false), null),
            LuongScore.Concat => (Linear(queryDim + keyDim, a, hasBias: false), Linear(a, 1, hasBias: false)),
            _ => throw new ArgumentOutOfRangeException(nameof(score), score, "LuongAttention: unknown score."),
        };
        RegisterComponents();
    }

    /// <param name="query">[B, Hd] (one decoder step) or [B, T, Hd].</param>
    /// <param name="keys">[B, S, Dk], the encoder outputs h̄ₛ.</param>
    /// <param name="values">[B, S, Dv], usually the same encoder outputs.</param>
    /// <param name="mask">[B, S] bool, true = may attend (null: every position); padding gets exactly 0 weight.</param>
    /// <returns>Context [B, Dv] and Weights [B, S] for a [B, Hd] query; [B, T, Dv] and [B, T, S] for [B, T, Hd].</returns>
    public override (Tensor Context, Tensor Weights) forward(Tensor query, Tensor keys, Tensor values, Tensor? mask)
    {
        var (q, single) = AttentionMath.AsSteps(query, nameof(LuongAttention));   // [B, T, Hd]
        AttentionMath.CheckMemory(q, keys, values, mask, nameof(LuongAttention));
        if (q.shape[2] != queryDim || keys.shape[2] != keyDim)
            throw new ArgumentException($"LuongAttention: expected query [.., {queryDim}] and keys [B, S, {keyDim}], " +
                $"got [{string.Join(", ", query.shape)}] and [{string.Join(", ", keys.shape)}].");
        return AttentionMath.Combine(AttentionMath.MaskedSoftmax(Scores(q, keys), mask), values, single);
    }

    private Tensor Scores(Tensor q, Tensor keys) => Score switch
    {
        LuongScore.Dot => q.bmm(keys.transpose(1, 2)),                          // [B, T, S]
        LuongScore.General => w_a!.forward(q).bmm(keys.transpose(1, 2)),        // (hₜᵀ W_a) h̄ₛ: [B, T, S]
        _ => ConcatScores(q, keys),
    };

    private Tensor ConcatScores(Tensor q, Tensor keys)
    {
        long t = q.shape[1], s = keys.shape[1];
        var pairs = cat([q.unsqueeze(2).expand(-1, t, s, -1), keys.unsqueeze(1).expand(-1, t, s, -1)], -1);   // [B, T, S, Hd + Dk]
        return v!.forward(w_a!.forward(pairs).tanh()).squeeze(-1);             // [B, T, S]
    }
}
