namespace Seq2Seq.Data;

/// <summary>An aligned parallel corpus loaded from two line-aligned files (one sentence per line, plain or .gz)
/// or one TSV file (source TAB target), cleaned by an explicit <see cref="CorpusPolicy"/> with a
/// <see cref="CorpusReport"/> of everything skipped or truncated. Kept sentences are trimmed at both ends.</summary>
public sealed class ParallelCorpus
{
    private ParallelCorpus(IReadOnlyList<SentencePair> pairs, CorpusReport report) => (Pairs, Report) = (pairs, report);

    public IReadOnlyList<SentencePair> Pairs { get; }
    public CorpusReport Report { get; }
    public int Count => Pairs.Count;
    public IReadOnlyList<string> Sources => Pairs.Select(p => p.Source).ToList();
    public IReadOnlyList<string> Targets => Pairs.Select(p => p.Target).ToList();

    /// <summary>Loads two aligned files. Different line counts → <see cref="CorpusFormatException"/> naming both
    /// files and counts.</summary>
    public static ParallelCorpus Load(string sourceFile, string targetFile, CorpusPolicy? policy = null)
    {
        var src = CorpusFile.ReadLines(sourceFile);
        var tgt = CorpusFile.ReadLines(targetFile);
        if (src.Count != tgt.Count)
            throw new CorpusFormatException($"line counts differ: {sourceFile} has {src.Count} lines, {targetFile} has {tgt.Count}; the files are not aligned.");
        var cleaner = new PairCleaner(policy ?? CorpusPolicy.Default);
        for (int i = 0; i < src.Count; i++)
            cleaner.Add(new(sourceFile, src[i].Line, src[i].Text), new(targetFile, tgt[i].Line, tgt[i].Text));
        return cleaner.Finish();
    }

    /// <summary>Loads a TSV file: each line "source\ttarget" (exactly one tab; else an error naming the line).</summary>
    public static ParallelCorpus LoadTsv(string path, CorpusPolicy? policy = null)
    {
        var cleaner = new PairCleaner(policy ?? CorpusPolicy.Default);
        foreach (var (line, text) in CorpusFile.ReadLines(path))
        {
            if (text is null) { cleaner.Add(new(path, line, null), new(path, line, null)); continue; }
            var cols = text.Split('\t');
            if (cols.Length != 2)
                throw new CorpusFormatException($"{path}:{line}: expected 2 tab-separated columns, found {cols.Length}.");
            cleaner.Add(new(path, line, cols[0]), new(path, line, cols[1]));
        }
        return cleaner.Finish();
    }

    /// <summary>A corpus from in-memory pairs (named <paramref name="name"/> in the report), cleaned by the policy.</summary>
    public static ParallelCorpus FromPairs(IEnumerable<SentencePair> pairs, string name = "<memory>", CorpusPolicy? policy = null)
    {
        var cleaner = new PairCleaner(policy ?? CorpusPolicy.Default);
        int n = 0;
        foreach (var p in pairs) { n++; cleaner.Add(new(name, n, p.Source), new(name, n, p.Target)); }
        return cleaner.Finish();
    }

    /// <summary>The first <paramref name="count"/> pairs (the report is kept).</summary>
    public ParallelCorpus Take(int count) => new(Pairs.Take(count).ToList(), Report);

    /// <summary>The same corpus with source and target swapped (e.g. de→en from en→de).</summary>
    public ParallelCorpus Reversed() => new(Pairs.Select(p => new SentencePair(p.Target, p.Source)).ToList(), Report);

    internal static ParallelCorpus Create(IReadOnlyList<SentencePair> pairs, CorpusReport report) => new(pairs, report);
}
