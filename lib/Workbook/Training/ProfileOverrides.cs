using System.Globalization;
using Seq2Seq.Training;
using Workbook.Cli;

namespace Workbook.Training;

/// <summary>The recipe options of <c>workbook train</c> (model size, vocabulary, regularisation, schedule, time
/// budget, averaging) applied to a profile, so that an ablation is one command line. Each option replaces one
/// field; an absent option keeps the profile's value.</summary>
public static class ProfileOverrides
{
    public const string Usage = """
          --budget MIN          wall-clock minutes for the whole run ("90s" for seconds); the schedule's cooldown
                                and the final averaging and validation end inside it (laptop: 60)
          --epochs N            train exactly N epochs instead (no time budget unless --budget is given too)
          recipe (each replaces one field of the profile; the laptop recipe and its ablations are in BENCHMARKS.md):
          --layers N  --d-model D  --heads H  --ff F  --dropout P  --pre-norm  --bpe-vocab V  --max-tokens T
          --lr PEAK  --warmup STEPS  --cooldown FRACTION  --label-smoothing E  --average N  --validate-every EPOCHS  --patience N
          --loss-chunk TOKENS   output projection and loss in chunks of this many tokens (0 = whole batch)
          --length-penalty A    GNMT length penalty of the final beam search
        """;

    public static string[] Flags => ["pre-norm"];

    /// <summary><paramref name="profile"/> with every recipe option of <paramref name="args"/> applied.</summary>
    public static TrainProfile Apply(TrainProfile profile, Arguments args)
    {
        var (m, t) = (profile.Model, profile.Trainer);
        int layers = NonNegative(args, "layers", m.EncoderLayers);
        m = m with
        {
            EncoderLayers = layers, DecoderLayers = args.Option("layers") is null ? m.DecoderLayers : layers,
            DModel = NonNegative(args, "d-model", m.DModel), Heads = NonNegative(args, "heads", m.Heads),
            FeedForward = NonNegative(args, "ff", m.FeedForward), Dropout = args.Double("dropout", m.Dropout),
            PreNorm = m.PreNorm || args.Flag("pre-norm"),
        };
        var s = t.EffectiveSchedule;
        s = s with { Rate = args.Double("lr", s.Rate), WarmupSteps = NonNegative(args, "warmup", s.WarmupSteps), Cooldown = args.Double("cooldown", s.Cooldown) };
        bool epochsGiven = args.Option("epochs") is not null;
        t = t with
        {
            Schedule = s, LabelSmoothing = args.Double("label-smoothing", t.LabelSmoothing),
            MaxSteps = NonNegative(args, "max-steps", t.MaxSteps), MaxEpochs = NonNegative(args, "epochs", t.MaxEpochs),
            EvalEvery = NonNegative(args, "eval-every", t.EvalEvery), CheckpointEvery = NonNegative(args, "checkpoint-every", t.CheckpointEvery),
            Seed = NonNegative(args, "seed", (int)Math.Min(t.Seed, int.MaxValue)), LossChunkTokens = NonNegative(args, "loss-chunk", t.LossChunkTokens),
            Patience = NonNegative(args, "patience", t.Patience),
        };
        var budget = Budget(args.Option("budget")) ?? (epochsGiven ? null : profile.BudgetMinutes);
        return profile with
        {
            Model = m, Trainer = t, BudgetMinutes = budget,
            BpeVocab = NonNegative(args, "bpe-vocab", profile.BpeVocab), MaxTokens = NonNegative(args, "max-tokens", profile.MaxTokens),
            Average = NonNegative(args, "average", profile.Average), ValidateEvery = Math.Max(1, NonNegative(args, "validate-every", profile.ValidateEvery)),
            LengthPenalty = args.Double("length-penalty", profile.LengthPenalty), FinalBeam = NonNegative(args, "beam", profile.FinalBeam),
        };
    }

    /// <summary>"60" → 60 minutes, "90s" → 1.5 minutes; null when absent.</summary>
    public static double? Budget(string? text)
    {
        if (text is null) return null;
        bool seconds = text.EndsWith('s');
        if (!double.TryParse(seconds ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) || double.IsInfinity(value))
            throw new UsageException($"--budget expects minutes (e.g. 60) or seconds (e.g. 90s), a positive number; got '{text}'.");
        return seconds ? value / 60 : value;
    }

    private static int NonNegative(Arguments args, string name, int fallback)
    {
        var value = args.Int(name, fallback);
        return value >= 0 ? value : throw new UsageException($"--{name} must be ≥ 0, got {value}.");
    }

    private static long NonNegative(Arguments args, string name, long fallback) => NonNegative(args, name, (int)Math.Min(fallback, int.MaxValue));
}
