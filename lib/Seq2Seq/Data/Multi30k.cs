namespace Seq2Seq.Data;

/// <summary>Multi30k task 1 (Elliott et al. 2016; image captions, de/en/fr; non-commercial research and education
/// use): raw, untokenized, one sentence per line, gzip. Files are fetched and verified by
/// <see cref="DatasetFetcher"/> (mirror → cache → download) against <c>datasets/multi30k.sha256</c>.</summary>
public static class Multi30k
{
    public const string DatasetName = "multi30k";
    public static readonly Uri BaseUri = new("https://raw.githubusercontent.com/multi30k/dataset/master/data/task1/raw/");
    public static IReadOnlyList<string> Languages { get; } = ["de", "en", "fr"];

    /// <summary>The SHA-256 manifest (embedded from datasets/multi30k.sha256).</summary>
    public static DatasetManifest Manifest { get; } = DatasetManifest.FromResource("Seq2Seq.datasets.multi30k.sha256");

    /// <summary>e.g. "test_2016_flickr.de.gz".</summary>
    public static string FileName(Multi30kSplit split, string language)
    {
        if (!Languages.Contains(language))
            throw new ArgumentException($"Multi30k has languages {string.Join(", ", Languages)}, not '{language}'.", nameof(language));
        var name = split switch
        {
            Multi30kSplit.Train => "train",
            Multi30kSplit.Val => "val",
            Multi30kSplit.Test2016Flickr => "test_2016_flickr",
            _ => throw new ArgumentOutOfRangeException(nameof(split), split, null),
        };
        return $"{name}.{language}.gz";
    }

    /// <summary>Path of a verified local copy of one file.</summary>
    public static Task<string> GetFileAsync(Multi30kSplit split, string language, DataSource? source = null,
        HttpMessageHandler? handler = null, CancellationToken cancel = default) =>
        new DatasetFetcher(DatasetName, Manifest, BaseUri, source, handler).GetFileAsync(FileName(split, language), cancel);

    /// <summary>The aligned <paramref name="sourceLanguage"/>→<paramref name="targetLanguage"/> corpus of a split.</summary>
    public static async Task<ParallelCorpus> LoadAsync(Multi30kSplit split, string sourceLanguage = "de", string targetLanguage = "en",
        DataSource? source = null, CorpusPolicy? policy = null, CancellationToken cancel = default)
    {
        var src = await GetFileAsync(split, sourceLanguage, source, null, cancel);
        var tgt = await GetFileAsync(split, targetLanguage, source, null, cancel);
        return ParallelCorpus.Load(src, tgt, policy);
    }

    /// <summary>Synchronous <see cref="LoadAsync"/> (for notebook cells and tests).</summary>
    public static ParallelCorpus Load(Multi30kSplit split, string sourceLanguage = "de", string targetLanguage = "en",
        DataSource? source = null, CorpusPolicy? policy = null) =>
        LoadAsync(split, sourceLanguage, targetLanguage, source, policy).GetAwaiter().GetResult();

    /// <summary>The sentences of one side of a split, line by line, unfiltered.</summary>
    public static IReadOnlyList<string> ReadSentences(Multi30kSplit split, string language, DataSource? source = null)
    {
        var path = GetFileAsync(split, language, source).GetAwaiter().GetResult();
        return CorpusFile.ReadLines(path).Select(l => l.Text ?? throw new CorpusFormatException($"{path}:{l.Line}: not valid UTF-8.")).ToList();
    }
}
