using System.CommandLine;
using System.Globalization;
using Seq2Seq.Training;
using Workbook.Cli;

namespace Workbook.Training;

/// <summary>The recipe options of <c>workbook train</c> (model size, vocabulary, regularisation, schedule, time
/// budget, averaging) applied to a profile, so that an ablation is one command line. Each option replaces one
/// field; an absent option keeps the profile's value. Counts are whole numbers ≥ 0, checked by the parser.</summary>
public sealed class ProfileOverrides
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

    private readonly Option<int?> layers = Opt.Count("--layers"), dModel = Opt.Count("--d-model"), heads = Opt.Count("--heads"),
        ff = Opt.Count("--ff"), warmup = Opt.Count("--warmup"), maxSteps = Opt.Count("--max-steps"), epochs = Opt.Count("--epochs"),
        evalEvery = Opt.Count("--eval-every"), checkpointEvery = Opt.Count("--checkpoint-every"), seed = Opt.Count("--seed"),
        lossChunk = Opt.Count("--loss-chunk"), patience = Opt.Count("--patience"), bpeVocab = Opt.Count("--bpe-vocab"),
        maxTokens = Opt.Count("--max-tokens"), average = Opt.Count("--average"), validateEvery = Opt.Count("--validate-every"),
        beam = Opt.Count("--beam");
    private readonly Option<double?> dropout = Opt.Number("--dropout"), lr = Opt.Number("--lr"), cooldown = Opt.Number("--cooldown"),
        labelSmoothing = Opt.Number("--label-smoothing"), lengthPenalty = Opt.Number("--length-penalty");
    private readonly Option<bool> preNorm = Opt.Flag("--pre-norm");
    private readonly Option<string?> budget = Opt.Text("--budget", "MIN");

    /// <summary>The options, for the verb that declares them (<c>train</c>).</summary>
    public IEnumerable<Symbol> Symbols => [budget, epochs, maxSteps, evalEvery, checkpointEvery, beam, seed, layers, dModel, heads, ff,
        dropout, preNorm, bpeVocab, maxTokens, lr, warmup, cooldown, labelSmoothing, average, validateEvery, patience, lossChunk, lengthPenalty];

    /// <summary><paramref name="profile"/> with every recipe option given in <paramref name="args"/> applied.</summary>
    public TrainProfile Apply(TrainProfile profile, ParseResult args)
    {
        var (m, t) = (profile.Model, profile.Trainer);
        var layerCount = args.GetValue(layers);
        m = m with
        {
            EncoderLayers = layerCount ?? m.EncoderLayers, DecoderLayers = layerCount ?? m.DecoderLayers,
            DModel = args.GetValue(dModel) ?? m.DModel, Heads = args.GetValue(heads) ?? m.Heads,
            FeedForward = args.GetValue(ff) ?? m.FeedForward, Dropout = args.GetValue(dropout) ?? m.Dropout,
            PreNorm = m.PreNorm || args.GetValue(preNorm),
        };
        var s = t.EffectiveSchedule;
        s = s with { Rate = args.GetValue(lr) ?? s.Rate, WarmupSteps = args.GetValue(warmup) ?? s.WarmupSteps, Cooldown = args.GetValue(cooldown) ?? s.Cooldown };
        var epochCount = args.GetValue(epochs);
        t = t with
        {
            Schedule = s, LabelSmoothing = args.GetValue(labelSmoothing) ?? t.LabelSmoothing,
            MaxSteps = args.GetValue(maxSteps) ?? t.MaxSteps, MaxEpochs = epochCount ?? t.MaxEpochs,
            EvalEvery = args.GetValue(evalEvery) ?? t.EvalEvery, CheckpointEvery = args.GetValue(checkpointEvery) ?? t.CheckpointEvery,
            Seed = args.GetValue(seed) ?? t.Seed, LossChunkTokens = args.GetValue(lossChunk) ?? t.LossChunkTokens,
            Patience = args.GetValue(patience) ?? t.Patience,
        };
        var minutes = Budget(args.GetValue(budget)) ?? (epochCount is null ? profile.BudgetMinutes : null);
        return profile with
        {
            Model = m, Trainer = t, BudgetMinutes = minutes,
            BpeVocab = args.GetValue(bpeVocab) ?? profile.BpeVocab, MaxTokens = args.GetValue(maxTokens) ?? profile.MaxTokens,
            Average = args.GetValue(average) ?? profile.Average, ValidateEvery = Math.Max(1, args.GetValue(validateEvery) ?? profile.ValidateEvery),
            LengthPenalty = args.GetValue(lengthPenalty) ?? profile.LengthPenalty, FinalBeam = args.GetValue(beam) ?? profile.FinalBeam,
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
}
