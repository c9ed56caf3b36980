namespace Seq2Seq.Decoding;

/// <summary>One decoded output sentence.</summary>
/// <param name="Tokens">Output ids, without BOS and without the final EOS.</param>
/// <param name="Score">What the search ranked by: <see cref="LogProb"/> for greedy search and sampling,
/// <c>LogProb / lp(Length)</c> (<see cref="LengthPenalty"/>) for beam search.</param>
/// <param name="LogProb">log P(Y | X) under the model: the sum of <see cref="StepLogProbs"/>.</param>
/// <param name="StepLogProbs">The model's log-probability of the token chosen at each step, EOS included, so
/// its length is <c>Tokens.Length + (EndedWithEos ? 1 : 0)</c>.</param>
/// <param name="EndedWithEos">false when the sentence was cut off at its length limit.</param>
public sealed record Hypothesis(int[] Tokens, double Score, double LogProb, float[] StepLogProbs, bool EndedWithEos)
{
    /// <summary>|Y|: decoding steps taken, EOS included (the length the penalty sees).</summary>
    public int Length => StepLogProbs.Length;

    public override string ToString() =>
        $"[{string.Join(' ', Tokens)}]{(EndedWithEos ? "" : " (cut)")} score {Score:F4} logP {LogProb:F4}";
}
