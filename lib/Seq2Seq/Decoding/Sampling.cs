using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Decoding;

/// <summary>Ancestral sampling: draw each next token from the model's (reshaped) distribution instead of taking
/// the argmax. Gives varied outputs (back-translation, diversity demos); for best translations use beam search.</summary>
public static class Sampling
{
    /// <summary>Samples one output per sentence of srcIds [B, S] (int64, pad = 0), reproducibly for a given
    /// <see cref="SamplingOptions.Seed"/>. Score = LogProb = log-probability under the unmodified model.</summary>
    public static IReadOnlyList<Hypothesis> Decode(IStepDecoder model, Tensor srcIds, SamplingOptions sampling,
        DecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        ArgumentNullException.ThrowIfNull(srcIds);
        sampling.Validate();
        if (sampling.Temperature == 0) return GreedySearch.Decode(model, srcIds, options);
        using var generator = new torch.Generator(sampling.Seed, srcIds.device);
        return TokenLoop.Run(model, srcIds, (options ?? DecodeOptions.Default).Validate(), nameof(Sampling),
            logProbs => torch.multinomial(AdjustLogProbs(logProbs, sampling).exp(), 1, generator: generator).squeeze(1));   // [B]
    }

    /// <summary>The distribution sampling draws from, as log-probabilities: logProbs [B, V] divided by the
    /// temperature, cut to the top-k tokens and to the top-p nucleus, renormalised. Removed tokens get -∞.
    /// The most probable token always survives. Temperature must be &gt; 0 here.</summary>
    public static Tensor AdjustLogProbs(Tensor logProbs, SamplingOptions sampling)
    {
        if (!(sampling.Temperature > 0)) throw new ArgumentException("AdjustLogProbs needs Temperature > 0 (0 means greedy).", nameof(sampling));
        var scores = logProbs.to(ScalarType.Float32) / sampling.Temperature;                         // [B, V]
        if (sampling.TopK > 0 && sampling.TopK < scores.shape[1])
        {
            var kth = scores.topk(sampling.TopK, dim: 1).values[.., ^1..];                           // [B, 1]
            scores = scores.masked_fill(scores.lt(kth), double.NegativeInfinity);
        }
        if (sampling.TopP < 1)
        {
            var (sorted, order) = scores.sort(dim: 1, descending: true);                             // [B, V]
            var probs = sorted.softmax(1);
            var massBefore = probs.cumsum(1) - probs;             // mass of the strictly more probable tokens
            var drop = massBefore.ge(sampling.TopP);              // the top token has massBefore 0: never dropped
            scores = scores.masked_fill(drop.scatter(1, order, drop), double.NegativeInfinity);     // back to vocab order
        }
        return scores.log_softmax(1);                                                                // [B, V]
    }
}
