using Seq2Seq.Data;

namespace Workbook.Training;

/// <summary>The sentence pairs of a profile: the bundled date task (datasets/synthetic/dates.tsv, or the same
/// pairs regenerated when the file is not beside the program) or Multi30k de→en (mirror, cache or download).</summary>
public sealed record TrainingData(IReadOnlyList<SentencePair> Train, IReadOnlyList<SentencePair> Valid, string Description)
{
    /// <summary>Pairs held out from dates.tsv for validation (the last ones; the file is already shuffled).</summary>
    public const int DateValidCount = 300;

    /// <summary>The pairs of a profile's data set, or of <paramref name="tsvFile"/> when one is given.</summary>
    public static TrainingData Load(string data, string? tsvFile = null) => tsvFile is not null ? Tsv(tsvFile) : data switch
    {
        "dates" => Dates(),
        "multi30k" => Multi30kDeEn(),
        _ => throw new ArgumentException($"unknown data set '{data}'."),
    };

    private static TrainingData Dates()
    {
        var root = DataSource.FindRepositoryRoot();
        var file = root is null ? null : Path.Combine(root, "datasets", "synthetic", "dates.tsv");
        IReadOnlyList<SentencePair> pairs;
        string origin;
        if (file is not null && File.Exists(file)) (pairs, origin) = (ParallelCorpus.LoadTsv(file, CorpusPolicy.Strict).Pairs, file);
        else (pairs, origin) = (SyntheticTasks.Committed()["dates.tsv"], "SyntheticTasks (the pairs of datasets/synthetic/dates.tsv, regenerated)");
        var cut = pairs.Count - DateValidCount;
        return new(pairs.Take(cut).ToList(), pairs.Skip(cut).ToList(), $"dates: {cut} train / {DateValidCount} valid pairs from {origin}");
    }

    /// <summary>A user TSV (source TAB target): the last 10% (at most 1000 pairs) are held out for validation.</summary>
    private static TrainingData Tsv(string file)
    {
        var pairs = ParallelCorpus.LoadTsv(file, CorpusPolicy.Training).Pairs;
        if (pairs.Count < 2) throw new InvalidDataException($"'{file}' holds {pairs.Count} usable pairs; training needs at least 2.");
        int valid = Math.Clamp(pairs.Count / 10, 1, 1000);
        return new(pairs.Take(pairs.Count - valid).ToList(), pairs.Skip(pairs.Count - valid).ToList(),
            $"{file}: {pairs.Count - valid} train / {valid} valid pairs (the last {valid} held out)");
    }

    private static TrainingData Multi30kDeEn()
    {
        var train = Multi30k.Load(Multi30kSplit.Train, "de", "en", policy: CorpusPolicy.Training);
        var valid = Multi30k.Load(Multi30kSplit.Val, "de", "en", policy: CorpusPolicy.Strict);
        return new(train.Pairs, valid.Pairs, $"Multi30k de→en: {train.Count} train / {valid.Count} valid pairs ({train.Report.PairsRead - train.Report.PairsKept} training pairs skipped by policy)");
    }
}
