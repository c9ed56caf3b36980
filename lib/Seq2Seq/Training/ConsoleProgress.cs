using System.Globalization;

namespace Seq2Seq.Training;

/// <summary>Renders <see cref="TrainingProgress"/> as text. On an interactive terminal, training reports
/// overwrite one status line (carriage return); when output is redirected (CI logs, files, notebooks) every
/// report is its own line, so logs contain no carriage-return spam. Validation, checkpoint and final reports
/// always get their own line.</summary>
public sealed class ConsoleProgress : IProgress<TrainingProgress>
{
    private readonly TextWriter writer;
    private readonly bool overwrite;
    private bool lineOpen;

    /// <param name="writer">Where to write (e.g. <c>Console.Out</c>).</param>
    /// <param name="interactive">Overwrite the status line in place; null = only when <paramref name="writer"/>
    /// is the console and the console output is not redirected.</param>
    public ConsoleProgress(TextWriter writer, bool? interactive = null)
    {
        this.writer = writer;
        overwrite = interactive ?? (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected);
    }

    public void Report(TrainingProgress p)
    {
        var line = Format(p);
        if (p.Kind == ProgressKind.Train && overwrite)
        {
            writer.Write("\r" + line.PadRight(100));
            lineOpen = true;
        }
        else
        {
            if (lineOpen) writer.WriteLine();
            writer.WriteLine(line);
            lineOpen = false;
        }
        writer.Flush();
    }

    /// <summary>One report as one line, e.g. <c>step 1200 ep 3 | loss 2.314 | lr 4.1e-04 | 5,210 tok/s | 00:03:10 | eta 00:12:40</c>.</summary>
    public static string Format(TrainingProgress p)
    {
        var c = CultureInfo.InvariantCulture;
        var head = string.Format(c, "step {0,6} ep {1,2}", p.Step, p.Epoch + 1);
        return p.Kind switch
        {
            ProgressKind.Train => string.Format(c, "{0} | loss {1:F3} | lr {2:0.0e+00} | {3,8:N0} tok/s | {4} | eta {5}",
                head, p.Loss, p.LearningRate, p.TokensPerSecond, Time(p.Elapsed), p.Eta is TimeSpan eta ? Time(eta) : "?"),
            ProgressKind.Validation => string.Format(c, "{0} | valid loss {1:F3} | nll {2:F3} | ppl {3:F2}{4}{5}",
                head, p.Loss, p.ValidNll ?? double.NaN, p.ValidPerplexity ?? double.NaN,
                p.Metric is double m ? string.Format(c, " | {0} {1:F2}", p.MetricName ?? "metric", m) : "",
                p.Message is null ? "" : " | " + p.Message),
            _ => $"{head} | {p.Message}",
        };
    }

    private static string Time(TimeSpan t) => t.TotalHours >= 100 ? $"{(int)t.TotalHours}h" : $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}";
}
