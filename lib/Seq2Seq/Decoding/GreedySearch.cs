using static TorchSharp.torch;

namespace Seq2Seq.Decoding;

/// <summary>Greedy decoding: at every step take the single most probable next token,
/// ŷ_t = argmax_y log p(y | X, ŷ_&lt;t), batched over sentences, until every sentence has emitted EOS or
/// reached its length limit. Fast, but it can't revise a choice: see <see cref="BeamSearch"/>.</summary>
public static class GreedySearch
{
    /// <summary>Decodes every sentence of srcIds [B, S] (int64, pad = 0). Runs under no_grad; a module must be in
    /// eval() mode (else InvalidOperationException). Returns one hypothesis per sentence, in input order (Score = LogProb).</summary>
    public static IReadOnlyList<Hypothesis> Decode(IStepDecoder model, Tensor srcIds, DecodeOptions? options = null)
    {
        return TokenLoop.Run(model, srcIds, (options ?? DecodeOptions.Default).Validate(), nameof(GreedySearch),
            logProbs => logProbs.argmax(1));   // [B]
    }
}
