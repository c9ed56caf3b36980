namespace Seq2Seq.Data;

/// <summary>Gets verified dataset files: from a mirror folder, the cache, or a download (HttpClient with a
/// timeout, into a temporary file renamed into place only once its SHA-256 matches, so the cache never holds a
/// partial or corrupt file). See <see cref="DataSource"/> for the order.</summary>
public sealed class DatasetFetcher(string dataset, DatasetManifest manifest, Uri defaultBaseUri, DataSource? source = null,
    HttpMessageHandler? handler = null)
{
    private readonly DataSource source = source ?? DataSource.Default;

    /// <summary>Path of a verified copy of <paramref name="fileName"/>.</summary>
    /// <exception cref="ChecksumMismatchException">A mirror file or a fresh download has the wrong hash.</exception>
    /// <exception cref="DatasetUnavailableException">No mirror has it and the download failed.</exception>
    public async Task<string> GetFileAsync(string fileName, CancellationToken cancel = default)
    {
        var expected = manifest.ExpectedSha256(fileName);
        var mirror = source.ResolveMirror(dataset);
        if (mirror is not null && File.Exists(Path.Combine(mirror, fileName)))
        {
            var path = Path.Combine(mirror, fileName);
            var actual = DatasetManifest.HashFile(path);
            if (actual != expected) throw new ChecksumMismatchException(path, expected, actual, "The mirror copy was not used; replace it.");
            return path;
        }
        var cache = source.ResolveCache(dataset);
        var cached = Path.Combine(cache, fileName);
        if (File.Exists(cached))
        {
            var actual = DatasetManifest.HashFile(cached);
            if (actual == expected) return cached;
            File.Move(cached, $"{cached}.bad-{actual[..12]}", overwrite: true);   // keep it for inspection, out of the way
        }
        var baseUri = source.BaseUri ?? defaultBaseUri;
        if (!baseUri.AbsoluteUri.EndsWith('/')) baseUri = new Uri(baseUri.AbsoluteUri + "/");   // keep the last folder
        var url = new Uri(baseUri, fileName);
        if (!source.AllowDownload) throw Unavailable(url, mirror, cache, "downloads are disabled", null);
        Directory.CreateDirectory(cache);
        var temp = Path.Combine(cache, $"{fileName}.{Guid.NewGuid():N}.part");
        try
        {
            await DownloadAsync(url, temp, cancel);
            var actual = DatasetManifest.HashFile(temp);
            if (actual != expected) throw new ChecksumMismatchException(url.ToString(), expected, actual, "The download was discarded, not cached.");
            File.Move(temp, cached, overwrite: true);   // atomic on one file system
            return cached;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancel.IsCancellationRequested)
        {
            throw Unavailable(url, mirror, cache, e is TaskCanceledException ? "timed out" : e.Message, e);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private async Task DownloadAsync(Uri url, string temp, CancellationToken cancel)
    {
        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = source.Timeout ?? TimeSpan.FromSeconds(60);
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancel);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        await using var body = await response.Content.ReadAsStreamAsync(cancel);
        await using var file = File.Create(temp);
        await body.CopyToAsync(file, cancel);
    }

    private DatasetUnavailableException Unavailable(Uri url, string? mirror, string cache, string reason, Exception? inner) => new(
        $"could not get {url} ({reason}). To supply the {dataset} files yourself, download " +
        $"{string.Join(", ", manifest.Sha256.Keys)} from {new Uri(url, ".")} and either put them in {cache} " +
        $"or in a folder named by the {DataSource.MirrorVariable} environment variable (or the mirror argument)" +
        (mirror is null ? "." : $"; the mirror {mirror} was checked and lacks this file."), inner);
}
