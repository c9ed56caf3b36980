using Seq2Seq.Data;
using Seq2Seq.Metrics;
using Workbook.Cli;

namespace Workbook.Commands;

/// <summary><c>workbook bleu</c>: corpus BLEU (or chrF2) of a hypothesis file against reference files, printed
/// exactly like sacreBLEU's text output (score line, then the signature).</summary>
public sealed class BleuCommand : ICommand, IHasFlags
{
    public string Name => "bleu";
    public string Summary => "score translations with sacreBLEU-compatible BLEU or chrF";
    public string Usage => """
        usage: workbook bleu --hyp FILE --ref FILE [--ref FILE ...] [--lowercase] [--chrf]

        One sentence per line, detokenized, UTF-8; line i of every file belongs together.
        Prints e.g.  BLEU = 34.12 65.3/40.1/27.2/18.9 (BP = 1.000 ratio = 1.012 hyp_len = 12034 ref_len = 11893)
        then the signature  nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.3
          --lowercase   case-insensitive scoring (signature case:lc)
          --chrf        chrF2 instead of BLEU (character 6-grams, beta 2)
        """;
    public string[] Flags => ["lowercase", "chrf"];

    public Task<int> RunAsync(Arguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var hypPath = args.Required("hyp");
        var refPaths = args.Many("ref");
        bool lowercase = args.Flag("lowercase"), chrf = args.Flag("chrf");
        args.EnsureAllConsumed();
        if (refPaths.Count == 0) throw new UsageException("--ref is required.");
        try
        {
            var hyps = ReadLines(hypPath);
            var refs = refPaths.Select(ReadLines).ToArray();
            for (int r = 0; r < refs.Length; r++)
                if (refs[r].Count != hyps.Count)
                {
                    stderr.WriteLine($"workbook bleu: line counts differ: {hypPath} has {hyps.Count} lines, {refPaths[r]} has {refs[r].Count}. No score computed.");
                    return Task.FromResult(1);
                }
            if (hyps.Count == 0)
            {
                stderr.WriteLine($"workbook bleu: {hypPath} is empty; there is nothing to score.");
                return Task.FromResult(1);
            }
            if (chrf)
            {
                var metric = new Chrf(lowercase: lowercase);
                stdout.WriteLine(metric.Corpus(hyps, refs));
                stdout.WriteLine(metric.Signature(refs.Length));
            }
            else
            {
                var metric = new Bleu(lowercase: lowercase);
                stdout.WriteLine(metric.Corpus(hyps, refs));
                stdout.WriteLine(metric.Signature(refs.Length));
            }
            return Task.FromResult(0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CorpusFormatException or ArgumentException)
        {
            stderr.WriteLine($"workbook bleu: {e.Message}");
            return Task.FromResult(1);
        }
    }

    private static IReadOnlyList<string> ReadLines(string path) =>
        CorpusFile.ReadLines(path).Select(l => l.Text ?? throw new CorpusFormatException($"{path}:{l.Line}: not valid UTF-8.")).ToList();
}
