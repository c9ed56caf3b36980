using Workbook.Evaluation;

namespace Workbook.Tests.Evaluation;

public sealed class ProgressBarTests
{
    [Fact]
    public void NotATerminalGetsALineEveryTenthNotOnePerReport()
    {
        var log = new StringWriter();
        var bar = new ProgressBar(log, 1000, interactive: false);
        for (int done = 1; done <= 1000; done++) bar.Report(done);
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, lines.Length);
        Assert.Contains(" 100/1000 sentences, ", lines[0]);
        Assert.Matches(@"^\[#{30}\] 1000/1000 sentences, \d+\.\d/s, ETA 0:00:00$", lines[^1]);
        Assert.DoesNotContain('\r', log.ToString());
    }

    [Fact]
    public void BigStepsWriteOneLineEachAndATerminalRewritesOneLine()
    {
        var log = new StringWriter();
        var bar = new ProgressBar(log, 10, interactive: false);
        bar.Report(7);                                          // passes 7 tenths at once: one line
        bar.Report(10);
        Assert.Equal(2, log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var terminal = new StringWriter();
        var live = new ProgressBar(terminal, 3, interactive: true);
        foreach (var done in new[] { 1, 2, 3 }) live.Report(done);
        var text = terminal.ToString();
        Assert.Equal(3, text.Count(c => c == '\r'));            // rewritten in place
        Assert.Equal(1, text.Count(c => c == '\n'));            // one newline, at the end
        Assert.StartsWith($"\r[{new string('#', 30)}] 3/3 sentences, ", text[text.LastIndexOf('\r')..]);
    }
}
