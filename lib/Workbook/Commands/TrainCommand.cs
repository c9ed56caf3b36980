using Workbook.Cli;
using Workbook.Training;

namespace Workbook.Commands;

/// <summary><c>workbook train</c>: trains a Transformer translator from a profile and writes a run folder that
/// <c>workbook translate</c> can use.</summary>
public sealed class TrainCommand : ICommand, IHasFlags
{
    public string Name => "train";
    public string Summary => "train a Transformer translator (profiles: quick, laptop, gpu) with checkpoints and BLEU";
    public string Usage => """
        usage: workbook train [--profile quick|laptop|gpu] [--out DIR] [--resume] [--max-steps N] [--epochs N]
                              [--eval-every N] [--checkpoint-every N] [--beam K] [--seed N] [--data FILE.tsv]

          --profile   quick  (default) bundled date task, small Transformer, ~1-2 minutes on a CPU
                      laptop Multi30k de→en, joint BPE 10k, Small Transformer (3+3, D 256) on the CPU: ~2.5 min/epoch
                      gpu    Multi30k de→en, Base Transformer (6+6, D 512) on CUDA
          --out       run folder (default runs/PROFILE): checkpoints, config, BPE files, history, translations
          --resume    continue the run in --out from latest.ckpt, exactly where it stopped
          --max-steps / --epochs        stop after this many optimizer steps / epochs (override the profile)
          --eval-every N                validate (loss + greedy BLEU) every N steps; 0 = once per epoch
          --checkpoint-every N          also save latest.ckpt every N steps
          --beam K                      beam size of the final validation BLEU
          --seed N                      seed of initialisation, dropout and batch order
          --data FILE.tsv               train on your own pairs (source TAB target) instead; the last 10% validate
        Ctrl+C stops after the current step and saves latest.ckpt. Environment: SEQ2SEQ_THREADS, SEQ2SEQ_DEVICE,
        SEQ2SEQ_DATA_MIRROR (a folder with the Multi30k files).
        """;
    public string[] Flags => ["resume"];

    public Task<int> RunAsync(Arguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var profile = TrainProfile.Get(args.Option("profile") ?? "quick");
        var outDir = args.Option("out") ?? Path.Combine("runs", profile.Name);
        bool resume = args.Flag("resume");
        var dataFile = args.Option("data");
        var t = profile.Trainer;
        t = t with
        {
            MaxSteps = Positive(args, "max-steps", t.MaxSteps),
            MaxEpochs = (int)Positive(args, "epochs", t.MaxEpochs),
            EvalEvery = (int)Positive(args, "eval-every", t.EvalEvery),
            CheckpointEvery = (int)Positive(args, "checkpoint-every", t.CheckpointEvery),
            Seed = Positive(args, "seed", t.Seed),
        };
        var beam = (int)Positive(args, "beam", profile.FinalBeam);
        args.EnsureAllConsumed();
        if (beam < 1) throw new UsageException("--beam must be ≥ 1.");
        if (args.Positionals.Count > 0) throw new UsageException($"unexpected argument '{args.Positionals[0]}'.");
        try
        {
            return Task.FromResult(new TrainingRun(profile with { Trainer = t, FinalBeam = beam }, new RunFolder(outDir), stdout, dataFile).Execute(resume, cancel));
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

    private static long Positive(Arguments args, string name, long fallback)
    {
        var value = args.Int(name, (int)Math.Min(fallback, int.MaxValue));
        return value >= 0 ? value : throw new UsageException($"--{name} must be ≥ 0, got {value}.");
    }
}
