using System.CommandLine;
using Seq2Seq.Training;
using Workbook.Cli;
using Workbook.Training;

namespace Workbook.Commands;

/// <summary><c>workbook train</c>: trains a Transformer translator from a profile and writes a run folder that
/// <c>workbook translate</c> can use.</summary>
public sealed class TrainCommand : IVerb
{
    public string Name => "train";
    public string Summary => "train a Transformer translator (profiles: quick, laptop, gpu) with checkpoints and BLEU";
    public string Usage => $"""
        usage: workbook train [--profile quick|laptop|gpu] [--out DIR] [--resume] [--budget MIN | --epochs N]
                              [--max-steps N] [--eval-every N] [--checkpoint-every N] [--beam K] [--seed N]
                              [--data FILE.tsv] [recipe options]

          --profile   quick  (default) bundled date task, small Transformer, ~1-2 minutes on a CPU
                      laptop Multi30k de→en on the CPU in a 60-minute budget (see BENCHMARKS.md for the recipe and its BLEU)
                      gpu    Multi30k de→en, Base Transformer (6+6, D 512) on CUDA (not measured here: no GPU)
          --out       run folder (default runs/PROFILE): checkpoints, config, BPE files, history, translations
          --resume    continue the run in --out from latest.ckpt, exactly where it stopped
          --max-steps N                 stop after this many optimizer steps
          --eval-every N                validate (loss + greedy BLEU) every N steps; 0 = every --validate-every epochs
          --checkpoint-every N          also save latest.ckpt every N steps
          --beam K                      beam size of the final validation BLEU
          --seed N                      seed of initialisation, dropout and batch order
          --data FILE.tsv               train on your own pairs (source TAB target) instead; the last 10% validate
        {ProfileOverrides.Usage}
        Ctrl+C stops after the current step and saves latest.ckpt. Environment: SEQ2SEQ_THREADS, SEQ2SEQ_DEVICE,
        SEQ2SEQ_DATA_MIRROR (a folder with the Multi30k files).
        """;
    private readonly Option<string?> profileName = Opt.Choice("--profile", [.. TrainProfile.All.Select(p => p.Name)]);
    private readonly Option<string?> output = Opt.Text("--out", "DIR"), data = Opt.Text("--data", "FILE.tsv");
    private readonly Option<bool> resumeFlag = Opt.Flag("--resume");
    private readonly ProfileOverrides recipe = new();
    public IEnumerable<Symbol> Symbols => [profileName, output, resumeFlag, data, .. recipe.Symbols];

    public Task<int> RunAsync(ParseResult args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var profile = recipe.Apply(TrainProfile.Get(args.GetValue(profileName) ?? "quick"), args);
        var outDir = args.GetValue(output) ?? Path.Combine("runs", profile.Name);
        bool resume = args.GetValue(resumeFlag);
        var dataFile = args.GetValue(data);
        if (profile.FinalBeam < 1) throw new UsageException("--beam must be ≥ 1.");
        if (dataFile is not null && !File.Exists(dataFile)) throw new FileNotFoundException($"--data: '{dataFile}' does not exist.");
        try
        {
            return Task.FromResult(new TrainingRun(profile, new RunFolder(outDir), stdout, dataFile).Execute(resume, cancel));
        }
        catch (ArgumentException e) when (e.ParamName is null)
        {
            throw new UsageException(e.Message);          // an option combination the trainer cannot run
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or Seq2Seq.Data.DatasetUnavailableException)
        {
            stderr.WriteLine($"workbook train: {e.Message}");
            return Task.FromResult(1);
        }
    }
}
