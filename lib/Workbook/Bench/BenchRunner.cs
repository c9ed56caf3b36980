using System.Runtime.InteropServices;
using Seq2Seq.Runtime;
using Seq2Seq.Transformer;
using TorchSharp;

namespace Workbook.Bench;

/// <summary>Runs every measurement of <c>workbook bench</c> in one process, in a fixed order, on one thread
/// (the live-tensor statistics are per thread), and assembles the report.</summary>
public static class BenchRunner
{
    /// <param name="settings">Sizes (<see cref="BenchSettings.Full"/> or <see cref="BenchSettings.Quick"/>).</param>
    /// <param name="quick">Recorded in the report.</param>
    /// <param name="progress">Receives one line per phase.</param>
    /// <param name="cancel">Checked between steps.</param>
    public static BenchReport Run(BenchSettings settings, bool quick, TextWriter progress, CancellationToken cancel)
    {
        int previous = torch.get_num_threads();
        var (clock, cpu, load) = (System.Diagnostics.Stopwatch.StartNew(), Environment.CpuUsage.TotalTime, LoadAverage());
        try
        {
            if (settings.Threads is int n) torch.set_num_threads(n);
            var report = Measure(settings, quick, settings.Threads ?? Devices.ConfigureThreads(2), progress, cancel);
            return report with { Load = new(clock.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds, load, LoadAverage()) };
        }
        finally { torch.set_num_threads(previous); }
    }

    private static BenchReport Measure(BenchSettings settings, bool quick, int threads, TextWriter progress, CancellationToken cancel)
    {
        var device = Devices.Best();
        var config = settings.Model;

        progress.WriteLine("training: ours ...");
        torch.manual_seed(0);
        using var ours = new TransformerModel(config);
        ours.to(device);
        var oursTrain = TrainingBench.Measure(ours, settings, device, cancel);

        progress.WriteLine("training: built-in torch.nn.Transformer ...");
        torch.manual_seed(0);
        using (var builtin = new BuiltinTransformerModel(config))
        {
            builtin.to(device);
            var builtinTrain = TrainingBench.Measure(builtin, settings, device, cancel);
            progress.WriteLine("decoding: greedy, beam with and without KV cache ...");
            var decode = DecodeFresh(config, settings, device, cancel);
            progress.WriteLine("memory: live tensors across a long loop ...");
            var memory = MemoryBench.Measure(ours, settings, device, cancel);
            return new BenchReport(DateTimeOffset.UtcNow, quick, Machine(), device.ToString(), threads, Config(settings),
                new BenchReport.TrainInfo(oursTrain.TokensPerSecond, builtinTrain.TokensPerSecond,
                    oursTrain.TokensPerSecond / builtinTrain.TokensPerSecond,
                    [oursTrain.FirstLoss, oursTrain.LastLoss], [builtinTrain.FirstLoss, builtinTrain.LastLoss]),
                new BenchReport.DecodeInfo(decode.GreedySentencesPerSecond, decode.GreedyMeanLength, decode.BeamCachedSeconds,
                    decode.BeamUncachedSeconds, decode.BeamUncachedSeconds / decode.BeamCachedSeconds, decode.BeamMeanLength,
                    decode.BeamOutputsIdentical),
                new BenchReport.MemoryInfo(memory.LiveBefore, memory.LiveAfter, memory.Iterations), new(0, 0, -1, -1));
        }
    }

    /// <summary>Decoding runs on a fresh random-init model: the trained one has just learnt that every target of
    /// the fixed batch ends in EOS and would stop after one step, which would time nothing.</summary>
    private static DecodingBench.Result DecodeFresh(TransformerConfig config, BenchSettings settings,
        torch.Device device, CancellationToken cancel)
    {
        torch.manual_seed(1);
        using var model = new TransformerModel(config);
        model.to(device);
        return DecodingBench.Measure(model, settings, device, cancel);
    }

    private static BenchReport.ConfigInfo Config(BenchSettings s)
    {
        var m = s.Model;
        return new(m.DModel, m.Heads, m.FeedForward, m.EncoderLayers, m.DecoderLayers, m.TargetVocabSize, m.Dropout, s.Batch,
            s.SourceLength, s.TargetLength, $"Adam(lr={s.LearningRate})", s.WarmupSteps, s.TimedSteps, s.GreedySentences,
            s.BeamSentences, s.BeamSize, s.DecodeMaxLength);
    }

    private static BenchReport.MachineInfo Machine() => new(CpuModel(), Environment.ProcessorCount,
        RuntimeInformation.OSDescription, $".NET {Environment.Version}", Devices.Describe());

    /// <summary>The 1-minute load average (first field of /proc/loadavg), or -1 where there is none.</summary>
    private static double LoadAverage()
    {
        const string loadavg = "/proc/loadavg";
        if (!File.Exists(loadavg)) return -1;
        var first = File.ReadAllText(loadavg).Split(' ')[0];
        return double.TryParse(first, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x) ? x : -1;
    }

    /// <summary>The "model name" line of /proc/cpuinfo on Linux; the architecture elsewhere.</summary>
    private static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        var line = File.Exists(cpuinfo) ? File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }
}
