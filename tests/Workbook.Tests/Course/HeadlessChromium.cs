using Workbook.Tests.Support;

namespace Workbook.Tests.Course;

/// <summary>Debian's Chromium, headless and offline (every host name resolves to nothing), as a student's browser:
/// the DOM after the page's scripts ran, and a screenshot. .ci/run installs the <c>chromium</c> package.</summary>
internal static class HeadlessChromium
{
    private const string Binary = "/usr/bin/chromium";

    /// <summary>The serialised DOM after up to <paramref name="budgetMs"/> ms of (virtual) page time.</summary>
    public static async Task<string> DumpDom(string htmlPath, int budgetMs = 20000) =>
        (await Run(htmlPath, $"--virtual-time-budget={budgetMs}", "--dump-dom")).Stdout;

    /// <summary>A PNG screenshot of the first <paramref name="height"/> pixels of the page.</summary>
    public static async Task<byte[]> Screenshot(string htmlPath, int width = 1280, int height = 2400, int budgetMs = 20000)
    {
        var png = Path.Combine(TestFiles.TempDir("shot"), Path.GetFileNameWithoutExtension(htmlPath) + ".png");
        await Run(htmlPath, $"--virtual-time-budget={budgetMs}", $"--window-size={width},{height}", "--hide-scrollbars", $"--screenshot={png}");
        Assert.True(File.Exists(png), $"chromium wrote no screenshot of {htmlPath}");
        return await File.ReadAllBytesAsync(png);
    }

    private static async Task<(string Stdout, string Stderr)> Run(string htmlPath, params string[] args)
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"{Binary} not found: install Debian's chromium (apt-get install chromium), as .ci/run does.");
        string[] options = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--host-resolver-rules=MAP * ~NOTFOUND", $"--user-data-dir={TestFiles.TempDir("chromium")}"];
        var (_, stdout, stderr) = await ExternalProcess.Run(Binary, [.. options, .. args, new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri], TimeSpan.FromSeconds(120));
        return (stdout, stderr);
    }
}
