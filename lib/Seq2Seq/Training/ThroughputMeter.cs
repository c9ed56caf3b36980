using System.Diagnostics;

namespace Seq2Seq.Training;

/// <summary>Averages loss and counts tokens between progress reports, and estimates the time left.</summary>
internal sealed class ThroughputMeter(long startStep, long? totalSteps, double? budgetSeconds = null)
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

    // The sooner of: the planned steps at the speed so far, the end of the time budget.
    private TimeSpan? Eta(long step)
    {
        long done = step - startStep;
        double? bySteps = totalSteps is long total && done > 0 ? sinceStart.Elapsed.TotalSeconds / done * Math.Max(0, total - step) : null;
        double? byTime = budgetSeconds is double b ? Math.Max(0, b - sinceStart.Elapsed.TotalSeconds) : null;
        double? eta = bySteps is double s && byTime is double t ? Math.Min(s, t) : bySteps ?? byTime;
        return eta is double e ? TimeSpan.FromSeconds(e) : null;
    }
}
