namespace Seq2Seq.Data;

/// <summary>How <see cref="ParallelCorpus"/> treats problem lines. Whatever is skipped or truncated is listed, with
/// file and line, in <see cref="ParallelCorpus.Report"/>; nothing is dropped silently. Mismatched line counts are
/// always an error (the alignment is lost, so no pair can be trusted).</summary>
/// <param name="SkipEmptyPairs">Skip a pair with an empty (or whitespace-only) side; false: such a pair is an error.</param>
/// <param name="MaxWords">Longest allowed side, in whitespace-separated words; 0 = no limit.</param>
/// <param name="Overlong">Skip, truncate (to <paramref name="MaxWords"/> words) or reject an over-long side.</param>
/// <param name="SkipInvalidUtf8">Skip a pair with a line that is not valid UTF-8; false: error.</param>
public sealed record CorpusPolicy(bool SkipEmptyPairs = true, int MaxWords = 0, OverlongAction Overlong = OverlongAction.Skip,
    bool SkipInvalidUtf8 = false)
{
    /// <summary>Skip empties, no length limit, invalid UTF-8 is an error.</summary>
    public static CorpusPolicy Default { get; } = new();

    /// <summary>Training: also skip pairs with a side over 100 words (they dominate padded batches).</summary>
    public static CorpusPolicy Training { get; } = new(MaxWords: 100);

    /// <summary>Everything is an error: for test sets, which must be scored complete.</summary>
    public static CorpusPolicy Strict { get; } = new(SkipEmptyPairs: false, Overlong: OverlongAction.Error);
}
