namespace Workbook.Tests.Course;

/// <summary>10 · Decoding and analysis, on the model notebook 09 trained: the inline beam search equals the library's,
/// the beam sweep covers K = 1…10 and beam search does not lose to greedy search, the length penalty lengthens the
/// output, cached and uncached decoding give identical outputs, n-best lists are sorted, the cross-attention grid has
/// every layer and head, and the cross-attention–IBM Model 1 agreement is printed and beats both baselines.</summary>
[Collection(CourseCollection.Name)]
public sealed class Notebook10Tests(CourseRun course)
{
    [Fact]
    public void RunsOnNotebook09sModel()
    {
        var nb = course.Notebook("10-");
        Assert.True(nb.RanCleanly, nb.Text);
        nb.Printed(@"^model: best\.ckpt of .*09-quick, step 900; [0-9,]+ parameters, 2\+2 layers, d = 128, 4 heads, 4,000 subwords; ");
        nb.Printed(@"^decoding sweeps on the first 300 of 1,014 validation sentences$");
    }

    [Fact]
    public void InlineBeamSearchEqualsTheLibrary()
    {
        var nb = course.Notebook("10-");
        var same = nb.Printed(@"^inline beam search = BeamSearch\.Decode \(K = 5, α = 0\.6\): the same 5 finished hypotheses on (\d+) of (\d+) sentences; max \|Δ score\| = ([0-9.e+-]+)$");
        Assert.Equal(same.Groups[2].Value, same.Groups[1].Value);
        Assert.True(double.Parse(same.Groups[3].Value) < 1e-4, same.Value);
    }

    [Fact]
    public void BeamSweepCoversOneToTenAndBeamSearchDoesNotLoseToGreedy()
    {
        var nb = course.Notebook("10-");
        var rows = nb.PrintedAll(@"^K = +(\d+): BLEU +([0-9.]+) +length ratio ([0-9.]+) +([0-9.]+) sentences/s$");
        Assert.Equal(Enumerable.Range(1, 10), rows.Select(r => int.Parse(r.Groups[1].Value)));
        double greedy = double.Parse(rows[0].Groups[2].Value), beam5 = double.Parse(rows[4].Groups[2].Value);
        Assert.True(greedy > 20, $"greedy BLEU {greedy}: not 09's quick model?");
        Assert.True(beam5 >= greedy, $"beam 5 BLEU {beam5} < greedy {greedy}");
        Assert.True(double.Parse(rows[9].Groups[4].Value) < double.Parse(rows[0].Groups[4].Value), "K = 10 is not slower than greedy");
        nb.AssertQuoted(@"^greedy BLEU ([0-9.]+); best beam");
        nb.AssertQuoted(@"; K = 5: BLEU ([0-9.]+) at");
    }

    [Fact]
    public void TheLengthPenaltyLengthensTheOutput()
    {
        var nb = course.Notebook("10-");
        var rows = nb.PrintedAll(@"^α = ([0-9.]+): BLEU +([0-9.]+) +length ratio ([0-9.]+) +brevity penalty ([0-9.]+)$");
        Assert.Equal(["0.0", "0.6", "1.0", "1.4", "2.0"], rows.Select(r => r.Groups[1].Value));
        var ratios = rows.Select(r => double.Parse(r.Groups[3].Value)).ToList();
        Assert.Equal(ratios.Order(), ratios);                                // a larger α never shortens the output
        Assert.True(ratios[^1] > ratios[0], $"length ratio at α = 2 ({ratios[^1]}) is not above α = 0 ({ratios[0]})");
        var best = nb.Printed(@"^best α = ([0-9.]+): BLEU ([0-9.]+) with K = 5 \(greedy ([0-9.]+)\)");
        Assert.True(double.Parse(best.Groups[2].Value) > double.Parse(best.Groups[3].Value), best.Value);
        nb.AssertQuoted(@"^best α = [0-9.]+: BLEU ([0-9.]+) ");
    }

    [Fact]
    public void CachedAndUncachedDecodingGiveIdenticalOutputs()
    {
        var nb = course.Notebook("10-");
        var rows = nb.PrintedAll(@"^(greedy   |beam K=5): outputs identical on (\d+) of (\d+) sentences, max \|Δ log P\| = ([0-9.e+-]+); uncached ([0-9.]+) s, cached ([0-9.]+) s: ([0-9.]+)× faster with the cache$");
        Assert.Equal(2, rows.Count);
        foreach (var r in rows)
        {
            Assert.Equal(r.Groups[3].Value, r.Groups[2].Value);
            Assert.True(double.Parse(r.Groups[4].Value) < 1e-3, r.Value);
        }
    }

    [Fact]
    public void NBestListsAreSortedByScore()
    {
        var nb = course.Notebook("10-");
        var entries = nb.PrintedAll(@"^  (\d)\. s +(-?[0-9.]+) +log P +(-?[0-9.]+) +\|Y\| +\d+  .+$");
        Assert.Equal(10, entries.Count);                                     // two sentences, five each
        foreach (var list in entries.Chunk(5))
        {
            Assert.Equal(["1", "2", "3", "4", "5"], list.Select(e => e.Groups[1].Value));
            var scores = list.Select(e => double.Parse(e.Groups[2].Value)).ToList();
            Assert.Equal(scores.OrderByDescending(s => s), scores);
        }
    }

    [Fact]
    public void CrossAttentionOfEveryLayerAndHeadIsPlotted()
    {
        var nb = course.Notebook("10-");
        nb.Printed(@"^cross-attention \[L, H, T, S\] = \[2, 4, \d+, \d+\]; every row sums to 1");
        var grid = Assert.Single(nb.Figures, f => ExecutedNotebook.HeatmapTraces(f).Count() == 8);   // 2 layers × 4 heads
        foreach (var trace in ExecutedNotebook.HeatmapTraces(grid))
            ExecutedNotebook.AssertDistributionRows(trace);
        Assert.Equal(5, nb.PrintedAll(@"^ *[0-9+–]+ words: +\d+ sentences, BLEU greedy +[0-9.]+, beam 5 +[0-9.]+$").Count);
    }

    [Fact]
    public void CrossAttentionAgreesWithIbmModel1BeyondBothBaselines()
    {
        var nb = course.Notebook("10-");
        nb.Printed(@"^a sentence's subwords = its words' subwords in a row on 1014 of 1014 validation pairs$");
        var best = nb.Printed(@"^best: layer \d, .+ agrees on ([0-9.]+) %; last layer, heads' mean: ([0-9.]+) %; chance ([0-9.]+) %, diagonal ([0-9.]+) %$");
        double agreement = double.Parse(best.Groups[1].Value), chance = double.Parse(best.Groups[3].Value), diagonal = double.Parse(best.Groups[4].Value);
        Assert.True(agreement > diagonal && diagonal > chance, best.Value);
        nb.AssertQuoted(@"agrees on ([0-9.]+ %)");
        nb.AssertQuoted(@"chance ([0-9.]+ %)");
        nb.AssertQuoted(@"diagonal ([0-9.]+ %)$");
    }
}
