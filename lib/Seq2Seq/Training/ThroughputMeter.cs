using System.Diagnostics;

namespace Seq2Seq.Training;

/// <summary>Averages loss and counts tokens between progress reports, and estimates the time left.</summary>
internal sealed class ThroughputMeter(long startStep, long? totalSteps)
{
    private readonly Stopwatch sinceStart = Stopwatch.StartNew(), sinceReport = Stopwatch.StartNew();
    private double lossSum;
    private int steps;
    private long tokens;

    public void Add(float loss, int targetTokens) => (lossSum, steps, tokens) = (lossSum + loss, steps + 1, tokens + targetTokens);

    /// <summary>Mean loss and tokens/s since the last flush, and the ETA; resets the window.</summary>
    public (double Loss, double TokensPerSecond, TimeSpan? Eta) Flush(long step)
    {
        var seconds = Math.Max(sinceReport.Elapsed.TotalSeconds, 1e-9);
        var result = (steps == 0 ? double.NaN : lossSum / steps, tokens / seconds, Eta(step));
        (lossSum, steps, tokens) = (0, 0, 0);
        sinceReport.Restart();
        return result;
    }

    private TimeSpan? Eta(long step)
    {
        long done = step - startStep;
        if (totalSteps is not long total || done <= 0) return null;
        return TimeSpan.FromSeconds(sinceStart.Elapsed.TotalSeconds / done * Math.Max(0, total - step));
    }
}
