using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbook.Bench;

/// <summary>Everything <c>workbook bench</c> measured, in the shape of its JSON file (snake_case keys).
/// Times are wall-clock seconds; rates are per second.</summary>
public sealed record BenchReport(
    [property: JsonPropertyName("date")] DateTimeOffset Date,
    [property: JsonPropertyName("quick")] bool Quick,
    [property: JsonPropertyName("machine")] BenchReport.MachineInfo Machine,
    [property: JsonPropertyName("device")] string Device,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("omp_wait_policy")] string OmpWaitPolicy,
    [property: JsonPropertyName("config")] BenchReport.ConfigInfo Config,
    [property: JsonPropertyName("train_tokens_per_s")] BenchReport.TrainInfo Train,
    [property: JsonPropertyName("decode")] BenchReport.DecodeInfo Decode,
    [property: JsonPropertyName("memory")] BenchReport.MemoryInfo Memory,
    [property: JsonPropertyName("load")] BenchReport.LoadInfo Load)
{
    /// <summary>How much of the machine the run really got: process CPU seconds over wall seconds (at most the
    /// thread count) and the 1-minute load average before and after (from /proc/loadavg; -1 elsewhere).</summary>
    public sealed record LoadInfo(
        [property: JsonPropertyName("wall_s")] double WallSeconds,
        [property: JsonPropertyName("process_cpu_s")] double CpuSeconds,
        [property: JsonPropertyName("load_average_before")] double LoadBefore,
        [property: JsonPropertyName("load_average_after")] double LoadAfter);

    public sealed record MachineInfo(
        [property: JsonPropertyName("cpu")] string Cpu,
        [property: JsonPropertyName("logical_cores")] int LogicalCores,
        [property: JsonPropertyName("os")] string Os,
        [property: JsonPropertyName("runtime")] string Runtime,
        [property: JsonPropertyName("torch")] string Torch);

    public sealed record ConfigInfo(
        [property: JsonPropertyName("d_model")] int DModel, [property: JsonPropertyName("heads")] int Heads,
        [property: JsonPropertyName("feed_forward")] int FeedForward,
        [property: JsonPropertyName("encoder_layers")] int EncoderLayers, [property: JsonPropertyName("decoder_layers")] int DecoderLayers,
        [property: JsonPropertyName("vocab")] int Vocab, [property: JsonPropertyName("dropout")] double Dropout,
        [property: JsonPropertyName("batch")] int Batch, [property: JsonPropertyName("source_length")] int SourceLength,
        [property: JsonPropertyName("target_length")] int TargetLength, [property: JsonPropertyName("optimizer")] string Optimizer,
        [property: JsonPropertyName("warmup_steps")] int WarmupSteps, [property: JsonPropertyName("timed_steps")] int TimedSteps,
        [property: JsonPropertyName("greedy_sentences")] int GreedySentences, [property: JsonPropertyName("beam_sentences")] int BeamSentences,
        [property: JsonPropertyName("beam_size")] int BeamSize, [property: JsonPropertyName("decode_max_length")] int DecodeMaxLength);

    /// <summary>Ours and Builtin: target tokens/s at each model's median step. Ratio = ours / builtin speed (above 1:
    /// ours is faster), the median over interleaved step pairs; RatioQuartiles: its first and third quartile.
    /// MinorFaultsPerStep: median fresh pages touched per training step (-1: not measurable here).</summary>
    public sealed record TrainInfo(
        [property: JsonPropertyName("ours")] double Ours, [property: JsonPropertyName("builtin")] double Builtin,
        [property: JsonPropertyName("ratio")] double Ratio,
        [property: JsonPropertyName("ratio_quartiles")] double[] RatioQuartiles,
        [property: JsonPropertyName("minor_page_faults_per_step")] FaultsInfo MinorFaultsPerStep,
        [property: JsonPropertyName("ours_loss_first_last")] float[] OursLoss,
        [property: JsonPropertyName("builtin_loss_first_last")] float[] BuiltinLoss);

    public sealed record FaultsInfo(
        [property: JsonPropertyName("ours")] double Ours, [property: JsonPropertyName("builtin")] double Builtin);

    public sealed record DecodeInfo(
        [property: JsonPropertyName("greedy_sentences_per_s")] double GreedySentencesPerSecond,
        [property: JsonPropertyName("greedy_mean_length")] double GreedyMeanLength,
        [property: JsonPropertyName("beam5_cached_s")] double BeamCachedSeconds,
        [property: JsonPropertyName("beam5_uncached_s")] double BeamUncachedSeconds,
        [property: JsonPropertyName("cache_speedup")] double CacheSpeedup,
        [property: JsonPropertyName("beam_mean_length")] double BeamMeanLength,
        [property: JsonPropertyName("beam_outputs_identical")] bool BeamOutputsIdentical);

    public sealed record MemoryInfo(
        [property: JsonPropertyName("live_tensors_before")] long Before,
        [property: JsonPropertyName("live_tensors_after")] long After,
        [property: JsonPropertyName("loop_iterations")] int Iterations);

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Options);
}
