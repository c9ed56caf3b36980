using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Seq2Seq.Data;
using Workbook.Cli;
using Workbook.Evaluation;

namespace Workbook.Commands;

/// <summary><c>workbook evaluate</c>: translates a whole test set with a trained model and scores it the way
/// <c>workbook bleu</c> does (BLEU and chrF2 with their signatures), plus BLEU by source length and the speed.</summary>
public sealed class EvaluateCommand : IVerb
{
    public string Name => "evaluate";
    public string Summary => "translate a test set with a trained model: sacreBLEU BLEU/chrF, BLEU by length, speed";
    public string Usage => $"""
        usage: workbook evaluate --model DIR [--split val|test2016 | --src FILE --ref FILE [--ref FILE ...]]
                                 [--beam K] [--length-penalty A] [--batch N] [--max-length N] [--out FILE]

          --model           the --out folder of `workbook train` (uses best.ckpt, else latest.ckpt, and bpe/)
          --split           Multi30k de→en: val, or test2016 (test_2016_flickr); default test2016. Read from
                            SEQ2SEQ_DATA_MIRROR or ../shared/datasets/multi30k, else the cache or a download,
                            checked against datasets/multi30k.sha256
          --src, --ref      your own test set instead: sources and reference(s), one sentence per line, UTF-8
          --out             where the translations go (default DIR/<split>.hyp.txt, or <src>.hyp.txt next to --src)
        {DecodingSettings.Usage}
        Prints BLEU and its signature, chrF2 and its signature (the lines `workbook bleu` prints for the same
        files), BLEU by source length (1-10, 11-15, 16-20, 21-30, 31+ words), and sentences per second.
        Progress goes to stderr.
        """;

    private readonly Option<string?> model = Opt.Text("--model", "DIR"), src = Opt.Text("--src", "FILE"), output = Opt.Text("--out", "FILE");
    private readonly Option<string?> split = Opt.Choice("--split", "val", "test2016");
    private readonly Option<string[]> refs = Opt.Many("--ref", "FILE");
    private readonly DecodingOptions decoding = new();
    public IEnumerable<Symbol> Symbols => [model, split, src, refs, output, .. decoding.Symbols];

    public async Task<int> RunAsync(ParseResult args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var dir = args.GetValue(model) ?? throw new UsageException("--model is required.");
        var (split, src, refPaths, outPath) = (args.GetValue(this.split), args.GetValue(this.src), args.GetValue(refs) ?? [], args.GetValue(output));
        var settings = decoding.Read(args, dir);
        if (split is not null && (src is not null || refPaths.Length > 0)) throw new UsageException("give either --split or --src with --ref, not both.");
        if ((src is null) != (refPaths.Length == 0)) throw new UsageException("--src and --ref go together.");
        LoadedRun.CheckFolder(dir);
        var (sources, references, name) = src is not null ? ReadFiles(src, refPaths) : ReadSplit(split ?? "test2016");
        outPath ??= src is not null ? Path.ChangeExtension(src, ".hyp.txt") : Path.Combine(dir, $"{name}.hyp.txt");

        using var run = LoadedRun.Open(dir, settings);
        var progress = new ProgressBar(stderr, sources.Count, ProgressBar.IsTerminal(stderr));
        var clock = Stopwatch.StartNew();
        var hypotheses = run.Translator.Translate(sources, progress.Report);
        var seconds = clock.Elapsed.TotalSeconds;
        cancel.ThrowIfCancellationRequested();
        await File.WriteAllLinesAsync(outPath, hypotheses, cancel);

        BleuCommand.WriteBleu(stdout, hypotheses, references);
        BleuCommand.WriteChrf(stdout, hypotheses, references);
        LengthBuckets.Write(stdout, LengthBuckets.Score(sources, hypotheses, references));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"speed: {sources.Count} sentences in {seconds:F1} s = {sources.Count / Math.Max(seconds, 1e-9):F1} sentences/s ({settings.Describe()}, batch {settings.Batch})"));
        stdout.WriteLine($"translations: {Path.GetFullPath(outPath)}");
        return 0;
    }

    private static (IReadOnlyList<string> Sources, IReadOnlyList<string>[] References, string Name) ReadFiles(string src, IReadOnlyList<string> refPaths)
    {
        var sources = BleuCommand.ReadLines(src);
        var references = refPaths.Select(BleuCommand.ReadLines).ToArray();
        for (int r = 0; r < references.Length; r++)
            if (references[r].Count != sources.Count)
                throw new InvalidDataException($"line counts differ: {src} has {sources.Count} lines, {refPaths[r]} has {references[r].Count}.");
        if (sources.Count == 0) throw new InvalidDataException($"{src} is empty; there is nothing to evaluate.");
        return (sources, references, Path.GetFileNameWithoutExtension(src));
    }

    private static (IReadOnlyList<string> Sources, IReadOnlyList<string>[] References, string Name) ReadSplit(string split)
    {
        var which = split switch
        {
            "val" => Multi30kSplit.Val,
            "test2016" => Multi30kSplit.Test2016Flickr,
            _ => throw new UsageException($"--split is val or test2016, not '{split}'."),
        };
        var sources = Multi30k.ReadSentences(which, "de");
        var references = Multi30k.ReadSentences(which, "en");
        if (references.Count != sources.Count)
            throw new InvalidDataException($"Multi30k {split}: {Multi30k.FileName(which, "de")} has {sources.Count} lines, {Multi30k.FileName(which, "en")} has {references.Count}.");
        return (sources, [references], split);
    }
}
