using System.CommandLine;
using Workbook.Bench;
using Workbook.Cli;

namespace Workbook.Commands;

/// <summary><c>workbook bench</c>: training and decoding speed of the course Transformer on this machine, next
/// to TorchSharp's built-in nn.Transformer, plus a live-tensor leak check. See BENCHMARKS.md.</summary>
public sealed class BenchCommand : IVerb
{
    public string Name => "bench";
    public string Summary => "measure training/decoding speed (ours vs torch.nn.Transformer, KV cache) and tensor leaks";
    public string Usage => """
        usage: workbook bench [--quick] [--dropout P] [--json FILE]

        Trains our Transformer and TorchSharp's built-in nn.Transformer on the same batches (tokens/s), times
        batched greedy decoding and beam-5 decoding with and without the KV cache, and counts live tensors
        around a long train+decode loop. Uses 2 CPU threads unless SEQ2SEQ_THREADS says otherwise.

          --quick      tiny sizes on 1 thread (a smoke test that takes seconds); the default is the full
                       configuration (3+3 layers, d_model 256, 8 heads, FF 1024, vocab 8000, batch 64 x 24/24),
                       several minutes
          --dropout P  dropout of both models (default 0.1, the paper's). 0 takes dropout out of the comparison:
                       ours draws its masks with a faster CPU kernel than libtorch's (BENCHMARKS.md)
          --json FILE  also write the results as JSON to FILE

        Exit code 1 when the live-tensor count grew over the loop or beam search with and without the KV cache
        disagreed. On a shared machine set OMP_WAIT_POLICY=PASSIVE: spinning OpenMP threads slow libtorch badly.
        """;

    private readonly Option<bool> quick = Opt.Flag("--quick");
    private readonly Option<double?> dropout = Opt.Number("--dropout");
    private readonly Option<string?> json = Opt.Text("--json", "FILE");
    public IEnumerable<Symbol> Symbols => [quick, dropout, json];

    public Task<int> RunAsync(ParseResult args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        bool isQuick = args.GetValue(quick);
        var json = args.GetValue(this.json);
        var settings = isQuick ? BenchSettings.Quick : BenchSettings.Full;
        double p = args.GetValue(dropout) ?? settings.Model.Dropout;
        if (!(p >= 0.0 && p < 1.0)) throw new UsageException($"--dropout must be in [0, 1); got {p}.");
        settings = settings with { Model = settings.Model with { Dropout = p } };
        if (json is not null)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(json))!;
            if (!Directory.Exists(folder)) throw new UsageException($"--json {json}: folder '{folder}' does not exist.");
        }

        var report = BenchRunner.Run(settings, isQuick, stderr, cancel);
        stdout.WriteLine(BenchText.Render(report));
        if (json is not null)
        {
            File.WriteAllText(json, report.ToJson() + "\n");
            stdout.WriteLine($"\nwrote {json}");
        }
        return Task.FromResult(report.Memory.After > report.Memory.Before || !report.Decode.BeamOutputsIdentical ? 1 : 0);
    }
}
