using System.CommandLine;
using System.Globalization;
using Seq2Seq.Decoding;
using Seq2Seq.Text;
using Seq2Seq.Transformer;
using Workbook.Cli;
using Workbook.Evaluation;

namespace Workbook.Commands;

/// <summary><c>workbook translate</c>: translates sentences with a model trained by <c>workbook train</c>.</summary>
public sealed class TranslateCommand : IVerb
{
    public string Name => "translate";
    public string Summary => "translate sentences with a model trained by `workbook train`";
    public string Usage => $"""
        usage: workbook translate --model DIR [SENTENCE ...] [--input FILE|-] [--nbest N] [--attention FILE.html]
                                  [--beam K] [--length-penalty A] [--max-length N] [--batch N]

          --model       the --out folder of `workbook train` (uses best.ckpt, else latest.ckpt, and bpe/)
          SENTENCE      sentences to translate, e.g. "Ein Hund läuft." (instead of --input)
          --input       one sentence per line, UTF-8; "-" or absent (and no SENTENCE) = standard input
          --nbest       print the beam's N best per sentence (N ≤ beam) as "score<TAB>translation", best first,
                        with a blank line after each sentence; score = log P / lp (the length-penalised log-probability)
          --attention   also write an offline HTML page with each sentence's cross-attention heatmap (last decoder
                        layer, averaged over heads; source subwords × output subwords of the best translation)
        {DecodingSettings.Usage}
        Prints one translation per input sentence, in order (an empty line stays empty).
        """;

    private readonly Argument<string[]> sentences = new("SENTENCE") { Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string?> model = Opt.Text("--model", "DIR"), input = Opt.Text("--input", "FILE"), attention = Opt.Text("--attention", "FILE.html");
    private readonly Option<int?> nbest = Opt.Whole("--nbest");
    private readonly DecodingOptions decoding = new();
    public IEnumerable<Symbol> Symbols => [sentences, model, input, nbest, attention, .. decoding.Symbols];

    public async Task<int> RunAsync(ParseResult args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var dir = args.GetValue(model) ?? throw new UsageException("--model is required.");
        var settings = decoding.Read(args, dir);
        var (inputFile, attentionPage, nBestGiven) = (args.GetValue(input), args.GetValue(attention), args.GetValue(nbest));
        int nBest = nBestGiven ?? 1;
        var positionals = args.GetValue(sentences)!;
        if (inputFile is not null && positionals.Length > 0) throw new UsageException("give sentences as arguments or --input, not both.");
        if (nBest < 1 || nBest > settings.Beam)
            throw new UsageException($"--nbest must be between 1 and the beam size ({settings.Beam}), got {nBest}.");
        LoadedRun.CheckFolder(dir);
        IReadOnlyList<string> lines = positionals.Length > 0 ? positionals
            : inputFile is null or "-" ? await BleuCommand.ReadStandardInput() : BleuCommand.ReadLines(inputFile);
        using var run = LoadedRun.Open(dir, settings);
        var found = run.Translator.Decode(lines, nBest);
        for (int i = 0; i < lines.Count; i++)
        {
            if (nBestGiven is null) { stdout.WriteLine(found[i].Count > 0 ? run.Tokenizer.Decode(found[i][0].Tokens) : ""); continue; }
            foreach (var h in found[i])
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{h.Score:F4}\t{run.Tokenizer.Decode(h.Tokens)}"));
            stdout.WriteLine();
        }
        if (attentionPage is not null) WriteAttention(attentionPage, run, lines, found, dir, stderr);
        return 0;
    }

    private static void WriteAttention(string path, LoadedRun run, IReadOnlyList<string> lines, IReadOnlyList<IReadOnlyList<Hypothesis>> found,
        string dir, TextWriter stderr)
    {
        var sentences = new List<AttentionPage.Sentence>();
        for (int i = 0; i < lines.Count; i++)
        {
            if (found[i].Count == 0) continue;                     // an empty line: nothing was attended
            var best = found[i][0];
            var sourceIds = run.Translator.SourceIds(lines[i]);
            int[] outputIds = best.EndedWithEos ? [.. best.Tokens, SpecialTokens.Eos] : best.Tokens;
            if (outputIds.Length == 0) continue;
            var weights = CrossAttention.LastLayerMean(run.Model, sourceIds, outputIds);
            sentences.Add(new(lines[i], run.Tokenizer.Decode(best.Tokens), weights,
                sourceIds.Select(run.Tokenizer.TokenOf).ToList(), outputIds.Select(run.Tokenizer.TokenOf).ToList()));
        }
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, AttentionPage.Html(sentences, Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir)))));
        stderr.WriteLine($"attention: {sentences.Count} heatmaps in {full}");
    }
}
