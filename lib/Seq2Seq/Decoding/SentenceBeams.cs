using Seq2Seq.Text;

namespace Seq2Seq.Decoding;

/// <summary>Beam-search bookkeeping for one sentence, in plain .NET: its live hypotheses (ranked by log P),
/// its K best finished ones (ranked by log P / lp), and the stopping rule. No tensors here.</summary>
internal sealed class SentenceBeams(int beamSize, double alpha, int limit, bool stopEarly)
{
    /// <summary>A live hypothesis: tokens so far (no EOS yet), their log-probs, and log P (sum).</summary>
    private sealed record Partial(int[] Tokens, float[] StepLogProbs, double LogProb);

    private List<Partial> live = [new Partial([], [], 0)];
    private readonly List<Hypothesis> finished = [];   // best first, at most K

    public bool Done { get; private set; }
    public int LiveCount => live.Count;
    public IReadOnlyList<Hypothesis> Finished => finished;

    /// <summary>Consumes this sentence's step candidates, best first: total log P, flat index beam·V + token
    /// and the token's own log-prob. EOS candidates among the top K ranks finish; the first K others stay live.
    /// At the length limit every top-K candidate finishes (cut off). Returns (parent beam, token) per new live
    /// hypothesis, with its log P, in the order of the new beams.</summary>
    public List<(int Parent, int Token, float LogProb)> Advance(int step, ReadOnlySpan<float> totals, ReadOnlySpan<long> flat,
        ReadOnlySpan<float> tokenLogProbs, int vocab)
    {
        bool atLimit = step >= limit;
        var next = new List<Partial>(beamSize);
        var links = new List<(int, int, float)>(beamSize);
        for (int c = 0; c < totals.Length && !(next.Count == beamSize && c >= beamSize); c++)
        {
            if (float.IsNaN(totals[c])) throw new InvalidOperationException($"beam search: the model's log-probs contain NaN at step {step}.");
            if (float.IsNegativeInfinity(totals[c])) break;   // sorted: only impossible candidates remain
            int beam = (int)(flat[c] / vocab), token = (int)(flat[c] % vocab);
            var parent = live[beam];
            float[] stepLps = [.. parent.StepLogProbs, tokenLogProbs[c]];
            if (token == SpecialTokens.Eos || atLimit)
            {
                if (c < beamSize) Finish(token == SpecialTokens.Eos ? parent.Tokens : [.. parent.Tokens, token], stepLps, totals[c], token == SpecialTokens.Eos);
            }
            else if (next.Count < beamSize)
            {
                next.Add(new Partial([.. parent.Tokens, token], stepLps, totals[c]));
                links.Add((beam, token, totals[c]));
            }
        }
        live = next;
        Done = atLimit || live.Count == 0 || (stopEarly && CannotImprove());
        return links;
    }

    /// <summary>The stopping rule (cf. JoeyNMT PR #149, which stopped when the top-1 beam hit EOS). A live
    /// hypothesis's log P can only fall (log-probs are ≤ 0) and its length ends within [step+1, limit], so its
    /// final score is at most log P / lp(limit), lp being increasing for α ≥ 0. Once K hypotheses have finished
    /// and even the best live one can't beat the K-th of them under that optimistic bound, nothing can change
    /// the n-best list. With α = 0 this reduces to "best live log P ≤ K-th finished log P".</summary>
    private bool CannotImprove()
    {
        if (finished.Count < beamSize) return false;
        double bound = live[0].LogProb / LengthPenalty.Gnmt(limit, alpha);   // live[0] has the highest log P
        return bound <= finished[beamSize - 1].Score;
    }

    private void Finish(int[] tokens, float[] stepLogProbs, double logProb, bool endedWithEos)
    {
        var hypothesis = new Hypothesis(tokens, LengthPenalty.Normalise(logProb, stepLogProbs.Length, alpha), logProb, stepLogProbs, endedWithEos);
        int at = finished.FindIndex(h => h.Score < hypothesis.Score);
        finished.Insert(at < 0 ? finished.Count : at, hypothesis);
        if (finished.Count > beamSize) finished.RemoveAt(beamSize);
    }
}
