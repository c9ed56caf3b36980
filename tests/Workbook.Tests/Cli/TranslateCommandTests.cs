using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Seq2Seq.Plots;
using Seq2Seq.Text;
using Seq2Seq.Training;

namespace Workbook.Tests.Cli;

/// <summary><c>workbook translate</c> on the tiny trained run (<see cref="TinyRun"/>): sentences as arguments,
/// --nbest and the --attention page.</summary>
[Collection(LibtorchCollection.Name)]
public sealed class TranslateCommandTests
{
    private static readonly string Dir = TestFiles.TempDir("translate");
    private static readonly string[] Sentences = ["March 3, 1998", "17.11.2003", "1 May 1960"];

    [Fact]
    public async Task SentencesGivenAsArgumentsTranslateAsOnStandardInput()
    {
        var run = await TinyRun.Get();
        var (code, byArgs, err) = await CommandRunner.Run(["translate", "--model", run, "--beam", "2", .. Sentences]);
        Assert.True(code == 0, err);
        Assert.Equal(3, CommandRunner.Lines(byArgs).Length);
        var (_, byStdin, _) = await CommandRunner.RunWithInput(string.Join("\n", Sentences) + "\n", "translate", "--model", run, "--beam", "2");
        Assert.Equal(byStdin, byArgs);
        Assert.Equal(2, (await CommandRunner.Run("translate", "--model", run, "--input", "-", "Ein Hund läuft.")).Code);   // not both
    }

    [Fact]
    public async Task NBestPrintsNScoredTranslationsPerSentenceBestFirst()
    {
        var run = await TinyRun.Get();
        var (code, output, err) = await CommandRunner.Run(["translate", "--model", run, "--beam", "4", "--nbest", "3", .. Sentences]);
        Assert.True(code == 0, err);
        var blocks = output.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Sentences.Length, blocks.Length);
        var (_, best, _) = await CommandRunner.Run(["translate", "--model", run, "--beam", "4", .. Sentences]);
        var bestLines = CommandRunner.Lines(best);
        for (int i = 0; i < blocks.Length; i++)
        {
            var rows = blocks[i].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
            Assert.Equal(3, rows.Count);
            Assert.All(rows, r => Assert.Equal(2, r.Length));
            var scores = rows.Select(r => double.Parse(r[0], CultureInfo.InvariantCulture)).ToList();
            Assert.All(scores, s => Assert.True(s <= 0, $"score {s} is not a log-probability"));
            Assert.Equal(scores.OrderByDescending(s => s), scores);                   // best first
            Assert.True(scores[0] > scores[2], $"sentence {i + 1}: three equal scores");
            Assert.Equal(bestLines[i], rows[0][1]);                                  // the first is what translate prints
        }
        var (tooMany, _, message) = await CommandRunner.Run("translate", "--model", run, "--beam", "2", "--nbest", "3", "x");
        Assert.Equal(2, tooMany);
        Assert.Contains("--nbest must be between 1 and the beam size (2), got 3", message);
    }

    [Fact]
    public async Task AttentionPageHasOneHeatmapPerSentenceLabelledWithItsSubwords()
    {
        var run = await TinyRun.Get();
        var page = Path.Combine(Dir, "attention.html");
        var (code, output, err) = await CommandRunner.Run(["translate", "--model", run, "--beam", "2", "--attention", page, .. Sentences]);
        Assert.True(code == 0, err);
        var html = File.ReadAllText(page);
        Assert.DoesNotMatch(@"<script[^>]*\bsrc=", html);                              // offline: nothing loaded from elsewhere
        var plotly = Workbook.Html.PlotlyJs.Script[..2000];
        Assert.Contains(plotly, html);                                                 // plotly.js inlined ...
        Assert.Equal(html.IndexOf(plotly, StringComparison.Ordinal), html.LastIndexOf(plotly, StringComparison.Ordinal));   // ... once
        Assert.Contains("last decoder layer, averaged over its heads", html);
        var figures = Regex.Matches(html, @"var data = (\[.*?\]);\s*var layout", RegexOptions.Singleline);
        Assert.Equal(Sentences.Length, figures.Count);

        var tokenizer = new RunFolder(run).LoadTokenizer();
        var translations = CommandRunner.Lines(output);
        Assert.Contains(translations, t => t.Length > 0);                             // some map has output labels beyond </s>
        for (int i = 0; i < Sentences.Length; i++)
        {
            using var data = JsonDocument.Parse(figures[i].Groups[1].Value);
            var trace = data.RootElement[0];
            var x = trace.GetProperty("x").EnumerateArray().Select(e => e.GetString()!).ToArray();
            var y = trace.GetProperty("y").EnumerateArray().Select(e => e.GetString()!).ToArray();
            string[] source = [.. tokenizer.Pieces(Sentences[i]), SpecialTokens.EosText];
            Assert.Equal(AttentionHeatmap.DistinctLabels(source), x);               // source subwords + </s> on x
            Assert.Equal(translations[i], tokenizer.Decode(y.Select(t => tokenizer.Model.Vocabulary[t.TrimEnd('\u200B')])));   // the output on y
            var z = trace.GetProperty("z").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
            Assert.Equal(y.Length, z.Length);
            Assert.All(z, row => { Assert.Equal(x.Length, row.Length); Assert.Equal(1.0, row.Sum(), 3); });   // rows are distributions
            Assert.Contains(System.Net.WebUtility.HtmlEncode(Sentences[i]), html);
        }
    }
}
