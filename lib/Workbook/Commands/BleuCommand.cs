using System.CommandLine;
using Seq2Seq.Data;
using Seq2Seq.Metrics;
using Workbook.Cli;

namespace Workbook.Commands;

/// <summary><c>workbook bleu</c>: corpus BLEU (or chrF2) of a hypothesis file against reference files, printed
/// exactly like sacreBLEU's text output (score line, then the signature).</summary>
public sealed class BleuCommand : IVerb
{
    public string Name => "bleu";
    public string Summary => "score translations with sacreBLEU-compatible BLEU or chrF";
    public string Usage => """
        usage: workbook bleu [--hyp FILE|-] --ref FILE [--ref FILE ...] [--lowercase] [--chrf]

        One sentence per line, detokenized, UTF-8; line i of every file belongs together.
        --hyp "-" or absent: the hypotheses come on standard input (as in `sacrebleu REF < hyp`).
        Several --ref files: multi-reference scoring; an empty line in one of them is a missing reference there
        (nrefs:var), and a segment whose references are all empty is scored against an empty reference (length 0,
        no matches; sacreBLEU 2.4.3 itself refuses such a file).
        Prints e.g.  BLEU = 34.12 65.3/40.1/27.2/18.9 (BP = 1.000 ratio = 1.012 hyp_len = 12034 ref_len = 11893)
        then the signature  nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.3
          --lowercase   case-insensitive scoring (signature case:lc)
          --chrf        chrF2 instead of BLEU (character 6-grams, beta 2)
        """;

    private readonly Option<string?> hyp = Opt.Text("--hyp", "FILE");
    private readonly Option<string[]> refs = Opt.Many("--ref", "FILE");
    private readonly Option<bool> lowercaseFlag = Opt.Flag("--lowercase"), chrfFlag = Opt.Flag("--chrf");
    public IEnumerable<Symbol> Symbols => [hyp, refs, lowercaseFlag, chrfFlag];

    public async Task<int> RunAsync(ParseResult args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var hypPath = args.GetValue(hyp) ?? "-";
        var refPaths = args.GetValue(this.refs) ?? [];
        bool lowercase = args.GetValue(lowercaseFlag), chrf = args.GetValue(chrfFlag);
        if (refPaths.Length == 0) throw new UsageException("--ref is required.");
        try
        {
            var hyps = hypPath == "-" ? await ReadStandardInput() : ReadLines(hypPath);
            var hypName = hypPath == "-" ? "standard input" : hypPath;
            var refs = refPaths.Select(ReadLines).ToArray();
            for (int r = 0; r < refs.Length; r++)
                if (refs[r].Count != hyps.Count)
                {
                    stderr.WriteLine($"workbook bleu: line counts differ: {hypName} has {hyps.Count} lines, {refPaths[r]} has {refs[r].Count}. No score computed.");
                    return 1;
                }
            if (hyps.Count == 0)
            {
                stderr.WriteLine($"workbook bleu: {hypName} is empty; there is nothing to score.");
                return 1;
            }
            if (chrf) WriteChrf(stdout, hyps, refs, lowercase);
            else WriteBleu(stdout, hyps, refs, lowercase);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CorpusFormatException or ArgumentException)
        {
            stderr.WriteLine($"workbook bleu: {e.Message}");
            return 1;
        }
    }

    /// <summary>sacreBLEU's BLEU line and signature, as this verb prints them (also used by <c>workbook evaluate</c>).</summary>
    public static BleuScore WriteBleu(TextWriter stdout, IReadOnlyList<string> hyps, IReadOnlyList<string>[] refs, bool lowercase = false)
    {
        var metric = new Bleu(lowercase: lowercase);
        return Write(stdout, metric.Corpus(hyps, refs), metric.Signature(SacreBleu.ReferenceCount(refs)));
    }

    /// <summary>sacreBLEU's chrF2 line and signature, as this verb prints them with --chrf.</summary>
    public static ChrfScore WriteChrf(TextWriter stdout, IReadOnlyList<string> hyps, IReadOnlyList<string>[] refs, bool lowercase = false)
    {
        var metric = new Chrf(lowercase: lowercase);
        return Write(stdout, metric.Corpus(hyps, refs), metric.Signature(SacreBleu.ReferenceCount(refs)));
    }

    private static T Write<T>(TextWriter stdout, T score, string signature) where T : notnull
    {
        stdout.WriteLine(score);
        stdout.WriteLine(signature);
        return score;
    }

    /// <summary>The lines of a UTF-8 text file (line ends as <see cref="CorpusFile"/> reads them).</summary>
    public static IReadOnlyList<string> ReadLines(string path) =>
        CorpusFile.ReadLines(path).Select(l => l.Text ?? throw new CorpusFormatException($"{path}:{l.Line}: not valid UTF-8.")).ToList();

    /// <summary>All lines of standard input.</summary>
    public static async Task<IReadOnlyList<string>> ReadStandardInput()
    {
        var lines = new List<string>();
        while (await Console.In.ReadLineAsync() is { } line) lines.Add(line);
        return lines;
    }
}
