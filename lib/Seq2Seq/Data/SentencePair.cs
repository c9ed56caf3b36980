namespace Seq2Seq.Data;

/// <summary>One aligned sentence pair: a source sentence and its translation.</summary>
public sealed record SentencePair(string Source, string Target);
