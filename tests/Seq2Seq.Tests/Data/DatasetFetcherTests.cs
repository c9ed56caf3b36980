using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Seq2Seq.Data;

namespace Seq2Seq.Tests.Data;

/// <summary>The download path against a local HTTP server on 127.0.0.1 (no internet).</summary>
public sealed class DatasetFetcherTests : IDisposable
{
    private static readonly byte[] Good = Encoding.UTF8.GetBytes("ein Haus\n");
    private readonly string root = Directory.CreateTempSubdirectory("fetch-").FullName;
    private readonly LocalServer server = new();

    public void Dispose()
    {
        server.Dispose();
        Directory.Delete(root, recursive: true);
    }

    private static string Sha(byte[] b) => Convert.ToHexStringLower(SHA256.HashData(b));

    private DatasetFetcher Fetcher(string? mirror = null, TimeSpan? timeout = null)
    {
        var manifest = DatasetManifest.Parse($"{Sha(Good)}  a.txt\n{Sha(Good)}  slow.txt\n{Sha(Good)}  missing.txt\n", "test manifest");
        var emptyMirror = Directory.CreateDirectory(Path.Combine(root, "no-mirror")).FullName;
        var source = new DataSource(Mirror: mirror ?? emptyMirror, CacheDirectory: Path.Combine(root, "cache"), BaseUri: server.BaseUri, Timeout: timeout);
        return new DatasetFetcher("toy", manifest, new Uri("http://invalid.example/"), source);
    }

    [Fact]
    public async Task DownloadsVerifiesCachesAndThenServesFromTheCache()
    {
        server.Files["a.txt"] = Good;
        var path = await Fetcher().GetFileAsync("a.txt");
        Assert.Equal(Path.Combine(root, "cache", "toy", "a.txt"), path);
        Assert.Equal(Good, File.ReadAllBytes(path));
        Assert.Equal(path, await Fetcher().GetFileAsync("a.txt"));
        Assert.Equal(1, server.Requests);   // the second call did not download again
        Assert.Empty(Directory.GetFiles(Path.Combine(root, "cache", "toy"), "*.part"));
    }

    [Fact]
    public async Task ABaseUriWithoutTrailingSlashKeepsItsLastFolder()
    {
        server.Files["a.txt"] = Good;
        var manifest = DatasetManifest.Parse($"{Sha(Good)}  a.txt\n", "test manifest");
        var noSlash = new Uri(server.BaseUri.AbsoluteUri.TrimEnd('/'));   // http://127.0.0.1:port/data
        var source = new DataSource(Mirror: root, CacheDirectory: Path.Combine(root, "cache"), BaseUri: noSlash);
        Assert.Equal(Good, File.ReadAllBytes(await new DatasetFetcher("toy", manifest, noSlash, source).GetFileAsync("a.txt")));
    }

    [Fact]
    public async Task ADownloadWithTheWrongHashIsNotCached()
    {
        server.Files["a.txt"] = Encoding.UTF8.GetBytes("tampered\n");
        var e = await Assert.ThrowsAsync<ChecksumMismatchException>(() => Fetcher().GetFileAsync("a.txt"));
        Assert.Contains("a.txt", e.Message);
        Assert.Contains(Sha(Good), e.Message);
        Assert.Contains(Sha(server.Files["a.txt"]), e.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(root, "cache", "toy")));
    }

    [Fact]
    public async Task ACorruptCachedFileIsMovedAsideAndFetchedAgain()
    {
        server.Files["a.txt"] = Good;
        var cache = Directory.CreateDirectory(Path.Combine(root, "cache", "toy")).FullName;
        File.WriteAllText(Path.Combine(cache, "a.txt"), "half a fi");
        Assert.Equal(Good, File.ReadAllBytes(await Fetcher().GetFileAsync("a.txt")));
        Assert.Single(Directory.GetFiles(cache, "a.txt.bad-*"));
    }

    [Fact]
    public async Task AMirrorIsUsedOnlyWhenItsFileIsIntact()
    {
        var mirror = Directory.CreateDirectory(Path.Combine(root, "mirror")).FullName;
        File.WriteAllBytes(Path.Combine(mirror, "a.txt"), Good);
        Assert.Equal(Path.Combine(mirror, "a.txt"), await Fetcher(mirror).GetFileAsync("a.txt"));
        File.WriteAllText(Path.Combine(mirror, "a.txt"), "bad");
        var e = await Assert.ThrowsAsync<ChecksumMismatchException>(() => Fetcher(mirror).GetFileAsync("a.txt"));
        Assert.Contains(Path.Combine(mirror, "a.txt"), e.Message);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task FailuresSayHowToSupplyTheFiles()
    {
        var e = await Assert.ThrowsAsync<DatasetUnavailableException>(() => Fetcher().GetFileAsync("missing.txt"));
        Assert.Contains(new Uri(server.BaseUri, "missing.txt").ToString(), e.Message);
        Assert.Contains("HTTP 404", e.Message);
        Assert.Contains(DataSource.MirrorVariable, e.Message);
        Assert.Contains(Path.Combine(root, "cache", "toy"), e.Message);
        server.Delay = TimeSpan.FromSeconds(3);
        server.Files["slow.txt"] = Good;
        var slow = await Assert.ThrowsAsync<DatasetUnavailableException>(() => Fetcher(timeout: TimeSpan.FromMilliseconds(300)).GetFileAsync("slow.txt"));
        Assert.Contains("timed out", slow.Message);
    }

    /// <summary>A tiny HttpListener on a free 127.0.0.1 port serving <see cref="Files"/>.</summary>
    private sealed class LocalServer : IDisposable
    {
        private HttpListener listener = new();
        private int requests;

        public LocalServer()
        {
            // HttpListener cannot bind port 0, so a free port is probed first; another process may take it between the
            // probe and Start (a race that made this flaky), so a taken port is retried with a fresh one.
            for (int attempt = 1; ; attempt++)
            {
                var probe = new TcpListener(IPAddress.Loopback, 0);
                probe.Start();
                int port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
                BaseUri = new Uri($"http://127.0.0.1:{port}/data/");
                listener.Prefixes.Add(BaseUri.ToString());
                try { listener.Start(); break; }
                catch (HttpListenerException) when (attempt < 20) { listener.Close(); listener = new HttpListener(); }
            }
            _ = Task.Run(Serve);
        }

        public Uri BaseUri { get; private set; }
        public Dictionary<string, byte[]> Files { get; } = new();
        public TimeSpan Delay { get; set; }
        public int Requests => requests;

        private async Task Serve()
        {
            while (listener.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await listener.GetContextAsync(); } catch { return; }
                Interlocked.Increment(ref requests);
                try
                {
                    if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
                    var name = ctx.Request.Url!.Segments[^1];
                    if (Files.TryGetValue(name, out var body)) await ctx.Response.OutputStream.WriteAsync(body);
                    else ctx.Response.StatusCode = 404;
                    ctx.Response.Close();
                }
                catch (HttpListenerException) { }   // client gave up (timeout test)
                catch (ObjectDisposedException) { }
            }
        }

        public void Dispose() => listener.Close();
    }
}
