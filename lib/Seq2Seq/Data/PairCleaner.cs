namespace Seq2Seq.Data;

/// <summary>Applies a <see cref="CorpusPolicy"/> pair by pair and records every skip and truncation.</summary>
internal sealed class PairCleaner(CorpusPolicy policy)
{
    internal readonly record struct Side(string File, int Line, string? Text);

    private readonly List<SentencePair> kept = new();
    private readonly List<CorpusIssue> issues = new();
    private int read;

    public void Add(Side src, Side tgt)
    {
        read++;
        foreach (var s in new[] { src, tgt })
            if (s.Text is null)
            {
                if (!policy.SkipInvalidUtf8) throw new CorpusFormatException($"{s.File}:{s.Line}: not valid UTF-8.");
                issues.Add(new(s.File, s.Line, CorpusIssueKind.InvalidUtf8, "not valid UTF-8; pair skipped"));
                return;
            }
        foreach (var s in new[] { src, tgt })
            if (string.IsNullOrWhiteSpace(s.Text))
            {
                if (!policy.SkipEmptyPairs) throw new CorpusFormatException($"{s.File}:{s.Line}: empty sentence.");
                issues.Add(new(s.File, s.Line, CorpusIssueKind.Empty, "empty sentence; pair skipped"));
                return;
            }
        var texts = new[] { src.Text!.Trim(), tgt.Text!.Trim() };
        var sides = new[] { src, tgt };
        for (int k = 0; k < 2 && policy.MaxWords > 0; k++)
        {
            var words = Text.Vocabulary.Tokenize(texts[k]);
            if (words.Length <= policy.MaxWords) continue;
            var (file, line) = (sides[k].File, sides[k].Line);
            switch (policy.Overlong)
            {
                case OverlongAction.Error:
                    throw new CorpusFormatException($"{file}:{line}: {words.Length} words, more than the limit of {policy.MaxWords}.");
                case OverlongAction.Skip:
                    issues.Add(new(file, line, CorpusIssueKind.OverlongSkipped, $"{words.Length} words > {policy.MaxWords}; pair skipped"));
                    return;
                default:
                    issues.Add(new(file, line, CorpusIssueKind.OverlongTruncated, $"{words.Length} words truncated to {policy.MaxWords}"));
                    texts[k] = string.Join(' ', words.Take(policy.MaxWords));
                    break;
            }
        }
        kept.Add(new SentencePair(texts[0], texts[1]));
    }

    public ParallelCorpus Finish() => ParallelCorpus.Create(kept, new CorpusReport(read, kept.Count, issues));
}
