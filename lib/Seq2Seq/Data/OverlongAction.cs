namespace Seq2Seq.Data;

/// <summary>What <see cref="ParallelCorpus"/> does with an over-long sentence.</summary>
public enum OverlongAction { Skip, Truncate, Error }
