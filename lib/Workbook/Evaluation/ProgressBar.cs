using System.Diagnostics;
using System.Globalization;

namespace Workbook.Evaluation;

/// <summary>"sentences done / total, rate, ETA" on stderr. On a terminal one line rewritten in place (carriage
/// return); otherwise (a log file, a test) a line each time another ~10 % is done, so a long run writes about ten
/// lines, never one per batch.</summary>
/// <param name="writer">where the bar goes (stderr).</param>
/// <param name="total">sentences to do.</param>
/// <param name="interactive">true when <paramref name="writer"/> is a terminal.</param>
public sealed class ProgressBar(TextWriter writer, int total, bool interactive)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private int nextTenth = 1;

    /// <summary>true when <paramref name="writer"/> is this process's stderr and stderr is a terminal.</summary>
    public static bool IsTerminal(TextWriter writer) => ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>Reports that <paramref name="done"/> of the total sentences are translated.</summary>
    public void Report(int done)
    {
        if (interactive)
        {
            writer.Write("\r" + Line(done) + (done >= total ? "\n" : ""));
            writer.Flush();
            return;
        }
        if (total == 0 || done * 10L < nextTenth * (long)total) return;
        writer.WriteLine(Line(done));
        while (nextTenth <= 10 && done * 10L >= nextTenth * (long)total) nextTenth++;
    }

    private string Line(int done)
    {
        double seconds = clock.Elapsed.TotalSeconds, rate = seconds > 0 ? done / seconds : 0;
        var eta = rate > 0 ? TimeSpan.FromSeconds((total - done) / rate) : (TimeSpan?)null;
        const int width = 30;
        int filled = total == 0 ? width : (int)((long)width * done / total);
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', width - filled)}] {done}/{total} sentences, {rate:F1}/s, ETA {(eta is { } e ? e.ToString(@"h\:mm\:ss") : "?")}");
    }
}
