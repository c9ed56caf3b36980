namespace Seq2Seq.Data;

/// <summary>Where dataset files come from. Order tried: the mirror folder (argument, else
/// <c>SEQ2SEQ_DATA_MIRROR</c>, else <c>&lt;repo root&gt;/../shared/datasets/&lt;dataset&gt;</c> when it exists),
/// then the cache (argument, else <c>SEQ2SEQ_CACHE</c>, else <c>~/.cache/seq2seq-workbook</c>), then a download
/// from <paramref name="BaseUri"/> into the cache. Every file is checked against the manifest's SHA-256.</summary>
/// <param name="Mirror">A folder holding the dataset files (offline use, CI).</param>
/// <param name="CacheDirectory">Root of the download cache (a sub-folder per dataset).</param>
/// <param name="BaseUri">Download location (the dataset's default when null); tests point it at a local server.</param>
/// <param name="Timeout">HTTP timeout per file.</param>
/// <param name="AllowDownload">False: never touch the network.</param>
public sealed record DataSource(string? Mirror = null, string? CacheDirectory = null, Uri? BaseUri = null,
    TimeSpan? Timeout = null, bool AllowDownload = true)
{
    public const string MirrorVariable = "SEQ2SEQ_DATA_MIRROR";
    public const string CacheVariable = "SEQ2SEQ_CACHE";

    public static DataSource Default { get; } = new();

    /// <summary>The mirror folder in effect for <paramref name="dataset"/>, or null.</summary>
    public string? ResolveMirror(string dataset)
    {
        if (!string.IsNullOrEmpty(Mirror)) return Mirror;
        var env = Environment.GetEnvironmentVariable(MirrorVariable);
        if (!string.IsNullOrEmpty(env)) return env;
        var root = FindRepositoryRoot();
        var shared = root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "datasets", dataset));
        return shared is not null && Directory.Exists(shared) ? shared : null;
    }

    /// <summary>The cache folder for <paramref name="dataset"/>.</summary>
    public string ResolveCache(string dataset)
    {
        var root = CacheDirectory;
        if (string.IsNullOrEmpty(root)) root = Environment.GetEnvironmentVariable(CacheVariable);
        if (string.IsNullOrEmpty(root))
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "seq2seq-workbook");
        return Path.Combine(root, dataset);
    }

    /// <summary>The folder holding Seq2Seq.slnx above the running program or the working directory, if any.</summary>
    public static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Seq2Seq.slnx"))) return dir.FullName;
        return null;
    }
}
