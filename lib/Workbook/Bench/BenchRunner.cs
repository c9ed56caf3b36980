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
        var (clock, cpu, load) = (System.Diagnostics.Stopwatch.StartNew(), Environment.CpuUsage.TotalTime, MachineProbe.LoadAverage());
        try
        {
            if (settings.Threads is int n) torch.set_num_threads(n);
            var report = Measure(settings, quick, settings.Threads ?? Devices.ConfigureThreads(2), progress, cancel);
            return report with { Load = new(clock.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds, load, MachineProbe.LoadAverage()) };
        }
        finally { torch.set_num_threads(previous); }
    }

    private static BenchReport Measure(BenchSettings settings, bool quick, int threads, TextWriter progress, CancellationToken cancel)
    {
        var device = Devices.Best();
        var config = settings.Model;

        progress.WriteLine("training: ours and the built-in torch.nn.Transformer, steps interleaved ...");
        torch.manual_seed(0);
        using var ours = new TransformerModel(config);
        ours.to(device);
        torch.manual_seed(0);
        using (var builtin = new BuiltinTransformerModel(config))
        {
            builtin.to(device);
            var (oursTrain, builtinTrain) = TrainingBench.MeasurePair(ours, builtin, settings, device, cancel);
            progress.WriteLine("decoding: greedy, beam with and without KV cache ...");
            var decode = DecodeFresh(config, settings, device, cancel);
            progress.WriteLine("memory: live tensors across a long loop ...");
            var memory = MemoryBench.Measure(ours, settings, device, cancel);
            var ratio = TrainingBench.PairedRatio(oursTrain, builtinTrain);
            return new BenchReport(DateTimeOffset.UtcNow, quick, MachineProbe.Describe(), device.ToString(), threads,
                MachineProbe.OmpWaitPolicy(), Config(settings),
                new BenchReport.TrainInfo(oursTrain.TokensPerSecond, builtinTrain.TokensPerSecond, ratio.Median, [ratio.Q1, ratio.Q3],
                    new(oursTrain.MinorFaultsPerStep, builtinTrain.MinorFaultsPerStep),
                    [oursTrain.FirstLoss, oursTrain.LastLoss], [builtinTrain.FirstLoss, builtinTrain.LastLoss]),
                new BenchReport.DecodeInfo(decode.GreedySentencesPerSecond, decode.GreedyMeanLength, decode.BeamCachedSeconds,
                    decode.BeamUncachedSeconds, decode.BeamUncachedSeconds / decode.BeamCachedSeconds, decode.BeamMeanLength,
                    decode.BeamOutputsIdentical),
                new BenchReport.MemoryInfo(memory.LiveBefore, memory.LiveAfter, memory.Iterations),
                Load: new(0, 0, -1, -1));   // filled in by Run, which owns the clock
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
}
