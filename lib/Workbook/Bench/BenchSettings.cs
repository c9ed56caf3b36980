using Seq2Seq.Transformer;

namespace Workbook.Bench;

/// <summary>What <c>workbook bench</c> measures and at which sizes. <see cref="Full"/> is the reference
/// configuration of BENCHMARKS.md; <see cref="Quick"/> is a smoke test that finishes in seconds.</summary>
/// <param name="Model">Transformer shape used for training and decoding (vocabulary included).</param>
/// <param name="Batch">Sentences per training batch.</param>
/// <param name="SourceLength">Source tokens per sentence (training and decoding).</param>
/// <param name="TargetLength">Target tokens per sentence (training).</param>
/// <param name="WarmupSteps">Training steps run before the clock starts (allocator, kernels, Adam state).</param>
/// <param name="TimedSteps">Training steps timed per model.</param>
/// <param name="GreedySentences">Sentences decoded (in one batch) for the greedy throughput.</param>
/// <param name="BeamSentences">Sentences decoded with beam search, once with and once without the KV cache.</param>
/// <param name="BeamSize">K for the cache comparison.</param>
/// <param name="DecodeMaxLength">Decoding steps per sentence (a random-init model rarely emits EOS, so
/// decoding usually runs to this limit: the amount of work is then fixed).</param>
/// <param name="LeakIterations">Iterations (train step + greedy decode) of the live-tensor check.</param>
/// <param name="Threads">libtorch CPU threads: null = 2 unless SEQ2SEQ_THREADS says otherwise; a number is used
/// as is (the previous count is restored afterwards).</param>
public sealed record BenchSettings(TransformerConfig Model, int Batch, int SourceLength, int TargetLength,
    int WarmupSteps, int TimedSteps, int GreedySentences, int BeamSentences, int BeamSize, int DecodeMaxLength,
    int LeakIterations, int? Threads = null)
{
    /// <summary>Adam learning rate of the training steps (the value doesn't change the speed).</summary>
    public double LearningRate => 1e-4;

    /// <summary>The Small Transformer (3+3 layers, D 256, 8 heads, F 1024), vocabulary 8,000, batch 64 × 24/24.</summary>
    public static BenchSettings Full { get; } = new(TransformerConfig.Small.WithVocab(8000, 8000), Batch: 64,
        SourceLength: 24, TargetLength: 24, WarmupSteps: 3, TimedSteps: 30, GreedySentences: 64, BeamSentences: 16,
        BeamSize: 5, DecodeMaxLength: 36, LeakIterations: 20);

    /// <summary>Tiny sizes for CI: every code path of <see cref="Full"/>, in a few seconds. One thread: tensors this
    /// small gain nothing from intra-op parallelism, and on a loaded machine OpenMP threads that spin-wait for each
    /// other made the same run ~25x slower (measured: 66 s with 2 threads vs 9 s with 1, load average 13).</summary>
    public static BenchSettings Quick { get; } = new(TransformerConfig.Tiny.WithVocab(200, 200) with { Dropout = 0.1 },
        Batch: 8, SourceLength: 12, TargetLength: 12, WarmupSteps: 2, TimedSteps: 5, GreedySentences: 8,
        BeamSentences: 4, BeamSize: 5, DecodeMaxLength: 16, LeakIterations: 10, Threads: 1);
}
