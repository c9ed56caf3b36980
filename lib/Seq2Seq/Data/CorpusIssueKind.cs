namespace Seq2Seq.Data;

/// <summary>The kinds of problem line <see cref="ParallelCorpus"/> reports.</summary>
public enum CorpusIssueKind { Empty, InvalidUtf8, OverlongSkipped, OverlongTruncated }
