using Seq2Seq.Decoding;
using Seq2Seq.Runtime;
using Seq2Seq.Training;
using Workbook.Cli;
using Workbook.Training;

namespace Workbook.Commands;

/// <summary><c>workbook translate</c>: translates lines with a model trained by <c>workbook train</c>.</summary>
public sealed class TranslateCommand : ICommand
{
    public string Name => "translate";
    public string Summary => "translate lines with a model trained by `workbook train`";
    public string Usage => """
        usage: workbook translate --model DIR [--beam K] [--input FILE|-] [--max-length N] [--batch N]

          --model       the --out folder of `workbook train` (uses best.ckpt, else latest.ckpt, and bpe/)
          --beam        1 = greedy search (default 5: beam search with the GNMT length penalty, alpha 0.6)
          --input       one sentence per line, UTF-8; "-" or absent = standard input
          --max-length  most output tokens per sentence (default: the model's position limit)
          --batch       sentences decoded together (default 64)
        Prints one translation per input line, in order (an empty line stays empty).
        """;

    public async Task<int> RunAsync(Arguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var dir = args.Required("model");
        int beam = args.Int("beam", 5), batch = args.Int("batch", 64), maxLength = args.Int("max-length", 0);
        var input = args.Option("input") ?? "-";
        args.EnsureAllConsumed();
        if (beam < 1) throw new UsageException($"--beam must be ≥ 1, got {beam}.");
        if (batch < 1) throw new UsageException($"--batch must be ≥ 1, got {batch}.");
        if (maxLength < 0) throw new UsageException($"--max-length must be ≥ 1, got {maxLength}.");
        try
        {
            if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"model folder '{dir}' does not exist (train one with `workbook train --out {dir}`).");
            var lines = input == "-" ? await ReadAll(Console.In) : await File.ReadAllLinesAsync(input, cancel);
            Devices.ConfigureThreads();
            var folder = new RunFolder(dir);
            var tokenizer = folder.LoadTokenizer();
            var (model, _) = folder.LoadModel(Devices.Best());
            using (model)
            {
                var limit = maxLength > 0 ? Math.Min(maxLength, model.Config.MaxLength - 1) : model.Config.MaxLength - 1;
                var translator = new Translator(model, tokenizer, tokenizer, beam, new DecodeOptions(MaxLength: limit), model.Config.MaxLength - 2, batch);
                foreach (var line in translator.Translate(lines)) stdout.WriteLine(line);
            }
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"workbook translate: {e.Message}");
            return 1;
        }
    }

    private static async Task<string[]> ReadAll(TextReader reader)
    {
        var lines = new List<string>();
        while (await reader.ReadLineAsync() is { } line) lines.Add(line);
        return [.. lines];
    }
}
