using System.Globalization;
using System.Text.Json.Nodes;

namespace Workbook.Tests.Course;

/// <summary>01 · Machine translation before neural networks: the Georgetown rules reproduce 1954, the inline EM equals
/// IbmModel1, EM never lowers the log-likelihood, known word pairs align, the alignment heatmaps are distributions,
/// and the prose quotes the numbers the run prints.</summary>
[Collection(CourseCollection.Name)]
public sealed class Notebook01Tests(CourseRun course)
{
    private ExecutedNotebook Nb()
    {
        var nb = course.Notebook("01-");
        Assert.True(nb.RanCleanly, nb.Text);
        return nb;
    }

    [Fact]
    public void GeorgetownReproducesThe1954SentencesAndShowsTheUgolChoice()
    {
        var nb = Nb();
        var repro = nb.Printed(@"^(\d+) of (\d+) 1954 sentences reproduced$");
        Assert.Equal("9", repro.Groups[2].Value);                       // the nine sentences marked 1954 in the data
        Assert.Equal(repro.Groups[2].Value, repro.Groups[1].Value);      // every one of them
        var ours = nb.Printed(@"^(\d+) of (\d+) sentences of ours reproduced$");
        Assert.Equal(ours.Groups[2].Value, ours.Groups[1].Value);
        var inline = nb.Printed(@"^inline rules = GeorgetownTranslator on (\d+) of (\d+) sentences$");
        Assert.Equal(inline.Groups[2].Value, inline.Groups[1].Value);
        Assert.Equal(29, int.Parse(inline.Groups[2].Value, CultureInfo.InvariantCulture));
        nb.Printed(@"^ugol before 'izmyeryayetsya' → angle: .* → Angle is measured");
        nb.Printed(@"^ugol before 'dobivayetsya' → coal: .* → Coal is extracted");
        nb.Printed(@"gen: insert 'of' +→ of angle");                       // a rule shown firing on one word
        nb.Printed(@"rules: Angle affects the quality of steel\.");         // where the rules break
    }

    [Theory]
    [InlineData("phrasebook")]
    [InlineData("Multi30k")]
    public void EmLogLikelihoodNeverDecreases(string corpus)
    {
        var lines = Nb().PrintedAll($@"^{corpus} EM iteration +(\d+): log-likelihood (-?\d+\.\d+)$");
        Assert.True(lines.Count >= 6, $"{corpus}: expected the log-likelihood of at least 5 iterations, found {lines.Count} lines");
        var iterations = lines.Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, lines.Count), iterations);
        var ll = lines.Select(m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).ToList();
        for (int k = 1; k < ll.Count; k++)
            Assert.True(ll[k] >= ll[k - 1], $"{corpus}: log-likelihood fell from {ll[k - 1]} to {ll[k]} at iteration {k}");
        Assert.True(ll[^1] > ll[0] * 0.6, $"{corpus}: EM should gain a lot over the uniform start ({ll[0]} → {ll[^1]})");
    }

    [Fact]
    public void InlineEmEqualsTheLibrary()
    {
        var nb = Nb();
        Assert.True(nb.PrintedNumber(@"^inline EM vs IbmModel1 after \d+ iterations: max \|Δt\| = ([-+0-9.E]+)") < 1e-12);
        Assert.True(nb.PrintedNumber(@"max \|Δ log-likelihood\| = ([-+0-9.E]+)") < 1e-9);
    }

    [Fact]
    public void KnownWordPairsAlign()
    {
        var nb = Nb();
        Assert.True(nb.PrintedNumber(@"^t\(f \| dog +\): hund (\d\.\d+)") > 0.8);            // the table's top entry
        var dogs = nb.Printed(@"^ein schwarzer hund .*\n  Viterbi: (.*)$").Groups[1].Value;   // the Multi30k caption
        Assert.Contains("hund→dog (", dogs);
        Assert.Contains("schwarzer→black (", dogs);
        Assert.Contains("zimmer→room (", nb.Printed(@"^das zimmer ist zu kalt .*\n  Viterbi: (.*)$").Groups[1].Value);
        nb.Printed("^noisy channel picks the original word order: True$");
    }

    [Fact]
    public void AlignmentHeatmapsHaveTokenLabelsAndRowsSummingToOne()
    {
        var heatmaps = Nb().FiguresWith("heatmap");
        Assert.True(heatmaps.Count >= 3, $"expected 3 alignment heatmaps, found {heatmaps.Count}");
        foreach (var figure in heatmaps)
            foreach (var trace in ExecutedNotebook.HeatmapTraces(figure))
            {
                ExecutedNotebook.AssertDistributionRows(trace, 1e-5);     // float32 in the figure
                Assert.Equal("NULL", trace["x"]![0]!.GetValue<string>());  // the first column is NULL
            }
    }

    [Fact]
    public void ProseQuotesTheHeadlineNumbers()
    {
        var nb = Nb();
        nb.AssertQuoted(@"^(\d+ of \d+) 1954 sentences reproduced$");
        nb.AssertQuoted(@"^t\(f \| dog +\): hund (\d\.\d+)");
        nb.AssertQuoted(@"max \|Δt\| = ([-+0-9.E]+)");
        foreach (var corpus in new[] { "phrasebook", "Multi30k" })
        {
            int last = nb.PrintedAll($@"^{corpus} EM iteration +(\d+): log-likelihood").Count - 1;
            nb.AssertQuoted($@"^{corpus} EM iteration +{last}: log-likelihood (-?\d+\.\d+)$");
        }
    }
}
