using Seq2Seq.Training;
using Seq2Seq.Transformer;

namespace Workbook.Training;

/// <summary>A named recipe for <c>workbook train</c>: data, model size, BPE vocabulary, batch size and optimiser
/// settings. Command-line options override single fields with <c>with</c>.</summary>
/// <param name="Name">quick | laptop | gpu.</param>
/// <param name="Data">"dates" (bundled synthetic date normalisation) or "multi30k" (de→en).</param>
/// <param name="Model">Transformer size; vocabulary sizes are filled in from the trained BPE.</param>
/// <param name="BpeVocab">Joint source+target BPE vocabulary size (specials and characters included).</param>
/// <param name="MaxTokens">Padded tokens per batch (rows × longest row).</param>
/// <param name="Trainer">Schedule, stopping, evaluation and checkpoint cadence. Multi30k has only ~120 (laptop) or
/// ~60 (gpu) batches per epoch, so the paper's 4000 warm-up steps would outlast the whole run: warm-up is a few
/// epochs here. Laptop was measured for all 20 epochs (51 min, 36.8 BLEU, BENCHMARKS.md); gpu has not run here (no GPU).</param>
/// <param name="FinalBeam">Beam size of the final validation BLEU (the per-evaluation BLEU is greedy).</param>
/// <param name="Threads">libtorch CPU threads unless SEQ2SEQ_THREADS says otherwise (null = libtorch's default).
/// The quick model is too small to gain from threads, and on a busy machine OpenMP threads that wait for a
/// core slow it down many times over (measured here: ~10x with 2 threads under load).</param>
/// <param name="BudgetMinutes">Wall-clock minutes for the whole command (data, BPE, training, averaging, final
/// validation); training gets what the rest leaves (see <see cref="TrainingRun"/>). null = no time limit.</param>
/// <param name="ValidateEvery">Validate (loss + greedy BLEU) every N epochs when EvalEvery is 0.</param>
/// <param name="Average">Average the weights of the last N epoch ends (plus the final step) at the end, and
/// keep the average when it scores better on the validation set than best.ckpt; 0 = no averaging.</param>
/// <param name="LengthPenalty">GNMT length penalty α of the final beam search.</param>
public sealed record TrainProfile(string Name, string Data, TransformerConfig Model, int BpeVocab, int MaxTokens,
    TrainerOptions Trainer, int FinalBeam, int? Threads = null, double? BudgetMinutes = null, int ValidateEvery = 1,
    int Average = 0, double LengthPenalty = 0.6)
{
    /// <summary>Bundled date task ("the 3rd of March 1998" → "1998-03-03"), a small Transformer, ~1–2 CPU minutes.</summary>
    public static TrainProfile Quick { get; } = new("quick", "dates",
        TransformerConfig.Tiny with { DModel = 64, Heads = 4, FeedForward = 128, Dropout = 0.1, MaxLength = 64, ShareEmbeddings = true },
        BpeVocab: 200, MaxTokens: 1600,
        new TrainerOptions(WarmupSchedule.LinearInverseSqrt(peak: 3e-3, warmupSteps: 100), MaxEpochs: 0, MaxSteps: 800,
            EvalEvery: 200, LogEvery: 50, Seed: 1),
        FinalBeam: 1, Threads: 1);

    /// <summary>Multi30k de→en with a joint 10k BPE, the Small Transformer (3+3 layers, D 256) on the CPU:
    /// ~2.5 min per epoch on 2 cores (measured), up to 20 epochs.</summary>
    public static TrainProfile Laptop { get; } = new("laptop", "multi30k",
        TransformerConfig.Small with { ShareEmbeddings = true, MaxLength = 128 },
        BpeVocab: 10000, MaxTokens: 4096,
        new TrainerOptions(WarmupSchedule.LinearInverseSqrt(peak: 1e-3, warmupSteps: 500), MaxEpochs: 20, EvalEvery: 0, LogEvery: 50,
            Patience: 3, CheckpointEvery: 500, Seed: 1),
        FinalBeam: 5);

    /// <summary>Multi30k de→en, the paper's Base model on CUDA (falls back to the CPU with a warning).</summary>
    public static TrainProfile Gpu { get; } = new("gpu", "multi30k",
        TransformerConfig.Base with { ShareEmbeddings = true, MaxLength = 128 },
        BpeVocab: 10000, MaxTokens: 8192,
        new TrainerOptions(WarmupSchedule.LinearInverseSqrt(peak: 7e-4, warmupSteps: 400), MaxEpochs: 30, EvalEvery: 0, LogEvery: 100,
            Patience: 5, CheckpointEvery: 1000, Seed: 1),
        FinalBeam: 5);

    public static IReadOnlyList<TrainProfile> All { get; } = [Quick, Laptop, Gpu];

    /// <summary>The profile called <paramref name="name"/>; throws listing the valid names.</summary>
    public static TrainProfile Get(string name) => All.FirstOrDefault(p => p.Name == name)
        ?? throw new Cli.UsageException($"--profile must be one of {string.Join(", ", All.Select(p => p.Name))}; got '{name}'.");
}
