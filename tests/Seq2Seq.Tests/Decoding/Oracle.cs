using Seq2Seq.Decoding;
using Seq2Seq.Text;

namespace Seq2Seq.Tests.Decoding;

/// <summary>Exact answers for <see cref="MarkovDecoder"/>: every possible output up to the length limit
/// (EOS-terminated, or cut at the limit), scored in double precision.</summary>
internal static class Oracle
{
    public sealed record Output(int[] Tokens, double LogProb, int Length, bool EndedWithEos)
    {
        public double Score(double alpha) => LengthPenalty.Normalise(LogProb, Length, alpha);
        public string Key => string.Join(' ', Tokens) + (EndedWithEos ? " </s>" : "");
    }

    /// <summary>All outputs with probability &gt; 0, best first under the length penalty α.</summary>
    public static List<Output> Enumerate(MarkovDecoder model, int key, int limit, double alpha)
    {
        var all = new List<Output>();
        void Grow(List<int> prefix, int previous, double logProb)
        {
            int position = prefix.Count;
            for (int token = 0; token < MarkovDecoder.Vocab; token++)
            {
                double lp = model.LogProb(key, position, previous, token);
                if (double.IsNegativeInfinity(lp)) continue;
                if (token == SpecialTokens.Eos) all.Add(new Output([.. prefix], logProb + lp, position + 1, true));
                else if (position + 1 == limit) all.Add(new Output([.. prefix, token], logProb + lp, limit, false));
                else { prefix.Add(token); Grow(prefix, token, logProb + lp); prefix.RemoveAt(prefix.Count - 1); }
            }
        }
        Grow([], SpecialTokens.Bos, 0);
        return all.OrderByDescending(o => o.Score(alpha)).ToList();
    }

    /// <summary>Follows the argmax from BOS: the greedy answer, computed without tensors.</summary>
    public static Output Greedy(MarkovDecoder model, int key, int limit)
    {
        var tokens = new List<int>();
        double logProb = 0;
        int previous = SpecialTokens.Bos;
        for (int position = 0; position < limit; position++)
        {
            int best = Enumerable.Range(0, MarkovDecoder.Vocab).MaxBy(t => model.LogProb(key, position, previous, t));
            logProb += model.LogProb(key, position, previous, best);
            if (best == SpecialTokens.Eos) return new Output([.. tokens], logProb, position + 1, true);
            tokens.Add(best);
            previous = best;
        }
        return new Output([.. tokens], logProb, limit, false);
    }

    /// <summary>log P of a given output (tokens, then EOS if it ended with one).</summary>
    public static double LogProbOf(MarkovDecoder model, int key, IReadOnlyList<int> tokens, bool endedWithEos)
    {
        double logProb = 0;
        int previous = SpecialTokens.Bos;
        for (int i = 0; i < tokens.Count; i++) { logProb += model.LogProb(key, i, previous, tokens[i]); previous = tokens[i]; }
        return endedWithEos ? logProb + model.LogProb(key, tokens.Count, previous, SpecialTokens.Eos) : logProb;
    }

    public static string KeyOf(Hypothesis h) => string.Join(' ', h.Tokens) + (h.EndedWithEos ? " </s>" : "");
}
