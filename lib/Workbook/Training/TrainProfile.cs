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

    /// <summary>Multi30k de→en on the CPU in a 60-minute budget: a joint 8k BPE and the "tiny" Transformer of the
    /// Multi30k literature (4+4 layers, D 128, 4 heads, F 256, shared embeddings; Wu et al. 2021), which runs
    /// ~2× the tokens/s of D 256 and learns faster per minute (ablations in BENCHMARKS.md); peak rate 2e-3 after
    /// 400 warm-up steps, inverse square root, then a linear cooldown to 0 over the last 30 % of the budget;
    /// loss in chunks of 512 tokens (bounded memory); validation every 2 epochs; the last 5 epoch snapshots
    /// averaged at the end (kept when it beats the best single checkpoint); final beam 5 with the length penalty
    /// α = 1.4 tuned on the validation set. `--epochs N` trains exactly N epochs instead.</summary>
    public static TrainProfile Laptop { get; } = new("laptop", "multi30k",
        TransformerConfig.Small with { EncoderLayers = 4, DecoderLayers = 4, DModel = 128, Heads = 4, FeedForward = 256, ShareEmbeddings = true, MaxLength = 128 },
        BpeVocab: 8000, MaxTokens: 4096,
        new TrainerOptions(WarmupSchedule.LinearInverseSqrt(peak: 2e-3, warmupSteps: 400) with { Cooldown = 0.3 }, MaxEpochs: 0, EvalEvery: 0, LogEvery: 50,
            Patience: 0, CheckpointEvery: 500, Seed: 1, LossChunkTokens: 512),
        FinalBeam: 5, BudgetMinutes: 60, ValidateEvery: 2, Average: 5, LengthPenalty: 1.4);

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
