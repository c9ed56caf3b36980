using System.Text.Json.Nodes;

namespace Workbook.Tests.Course;

/// <summary>09 · The translator: the inline BPE equals the library's trainer and Microsoft.ML.Tokenizers' segmentation,
/// the round trip is exact, label smoothing's floor and the schedule equal the library's, training reports through one
/// live output (not a line per report), and the quick model translates: validation and test BLEU above the floor
/// measured for it, with sacreBLEU's signatures, and a run folder that loads.</summary>
[Collection(CourseCollection.Name)]
public sealed class Notebook09Tests(CourseRun course)
{
    /// <summary>Greedy validation BLEU of the quick profile measured at 26.6 (the same recipe through `workbook train`,
    /// 878 steps, AMD EPYC 2 cores, 2026-12-02); a broken pipeline scores near 0–2 (60 steps: 1.7).</summary>
    private const double QuickBleuFloor = 20;

    [Fact]
    public void BpeIsLearnedInlineEqualToTheLibraryAndRoundTripsExactly()
    {
        var nb = course.Notebook("09-");
        Assert.True(nb.RanCleanly, nb.Text);
        nb.Printed(@"^first 25 merges equal to the inline ones: True$");
        var agree = nb.Printed(@"inline segmentation = Microsoft\.ML\.Tokenizers' on ([0-9,]+) of ([0-9,]+) distinct validation words");
        Assert.Equal(agree.Groups[2].Value, agree.Groups[1].Value);
        var trip = nb.Printed(@"round trip exact on ([0-9,]+) of ([0-9,]+) validation and test sentences; <unk> ids: (\d+)");
        Assert.Equal("4,028", trip.Groups[2].Value);                        // 2 × (1,014 + 1,000) sentences
        Assert.Equal(trip.Groups[2].Value, trip.Groups[1].Value);
        Assert.Equal("0", trip.Groups[3].Value);
        nb.AssertQuoted(@"([0-9.]+ %) of the validation words \([0-9,]+ of [0-9,]+\) never occur in train");
    }

    [Fact]
    public void LabelSmoothingFloorAndScheduleEqualTheLibrary()
    {
        var nb = course.Notebook("09-");
        var floor = nb.Printed(@"the lowest reachable loss H\(q\) = ([0-9.]+) nats \(formula\), ([0-9.]+) \(LabelSmoothingLoss at p = q\)");
        Assert.Equal(floor.Groups[1].Value, floor.Groups[2].Value);
        nb.AssertQuoted(@"H\(q\) = ([0-9.]+) nats");
        Assert.Equal(0, nb.PrintedNumber(@"inline vs WarmupSchedule max \|diff\| over \d+ steps = ([0-9.e+-]+)"));
    }

    [Fact]
    public void TrainingReportsThroughOneLiveOutput()
    {
        var nb = course.Notebook("09-");
        var cell = Assert.Single(nb.Notebook.Cells, c => c.IsCode && c.Source.Contains("new LiveProgress("));
        var displays = cell.Outputs.OfType<JsonObject>().Where(o => o["output_type"]?.GetValue<string>() == "display_data").ToList();
        var live = Assert.Single(displays);                                  // updated in place, not appended
        var text = string.Concat(live["data"]!["text/plain"]!.AsArray().Select(l => l!.GetValue<string>()));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length <= 8, $"the live output holds {lines.Length} lines:\n{text}");
        Assert.Matches(@"step +900 ep +\d+ \| loss [0-9.]+ \| lr [0-9.e+-]+ \| +[0-9,]+ tok/s \| \d\d:\d\d:\d\d \| eta", text);
        Assert.Equal(3, lines.Count(l => l.Contains("| valid loss ")));    // steps 300, 600, 900
        Assert.Contains("stopped: max steps", text);
    }

    [Fact]
    public void QuickModelTranslatesAboveTheMeasuredFloorWithSacreBleuSignatures()
    {
        var nb = course.Notebook("09-");
        double valid = nb.PrintedNumber(@"^val: BLEU = ([0-9.]+) ");
        double test = nb.PrintedNumber(@"^test_2016_flickr: BLEU = ([0-9.]+) ");
        Assert.True(valid >= QuickBleuFloor, $"validation BLEU {valid} < {QuickBleuFloor}");
        Assert.True(test >= QuickBleuFloor - 3, $"test BLEU {test} < {QuickBleuFloor - 3}");
        Assert.True(nb.PrintedNumber(@"^val: chrF2 = ([0-9.]+)$") > 40);
        nb.Printed(@"^nrefs:1\|case:mixed\|eff:no\|tok:13a\|smooth:exp\|version:2\.4\.3$");
        nb.Printed(@"^nrefs:1\|case:mixed\|eff:yes\|nc:6\|nw:0\|space:no\|version:2\.4\.3$");
        nb.AssertQuoted(@"^val: BLEU = ([0-9.]+) ");
        nb.AssertQuoted(@"^test_2016_flickr: BLEU = ([0-9.]+) ");
        nb.AssertQuoted(@"^test_2016_flickr: chrF2 = ([0-9.]+)$");
        nb.Printed(@"^loaded best\.ckpt: step \d+, a fresh [0-9,]+-parameter model built from the stored configuration$");
        var runFolder = Path.Combine(TestFiles.RepoRoot, "runs", "09-quick");
        foreach (var file in new[] { "best.ckpt", "latest.ckpt", "history.json", "decoding.json", "bpe/vocab.json", "bpe/merges.txt" })
            Assert.True(File.Exists(Path.Combine(runFolder, file)), $"the run folder lacks {file}");
    }

    [Fact]
    public void ChartsShowLengthsScheduleCurvesAndCrossAttention()
    {
        var nb = course.Notebook("09-");
        Assert.Equal(5, nb.Figures.Count);                                   // lengths, schedule, loss, BLEU, attention
        var heatmap = Assert.Single(nb.FiguresWith("heatmap"));
        foreach (var trace in ExecutedNotebook.HeatmapTraces(heatmap))
            ExecutedNotebook.AssertDistributionRows(trace);
    }
}
