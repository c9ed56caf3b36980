using System.Globalization;

namespace Workbook.Bench;

/// <summary>The human-readable form of a <see cref="BenchReport"/>.</summary>
internal static class BenchText
{
    public static string Render(BenchReport r)
    {
        var c = r.Config;
        string F(double x, string format = "N1") => x.ToString(format, CultureInfo.InvariantCulture);
        return string.Join('\n',
            $"workbook bench{(r.Quick ? " --quick" : "")}  {r.Date:yyyy-MM-dd HH:mm} UTC",
            $"machine   {r.Machine.Cpu}, {r.Machine.LogicalCores} logical cores, {r.Machine.Os}",
            $"runtime   {r.Machine.Runtime}; {r.Machine.Torch}",
            $"device    {r.Device}, {r.Threads} thread(s), OMP_WAIT_POLICY {r.OmpWaitPolicy}; this run got {F(r.Load.CpuSeconds)} CPU s in {F(r.Load.WallSeconds)} wall s, load average {F(r.Load.LoadBefore, "0.0")} -> {F(r.Load.LoadAfter, "0.0")}",
            $"model     {c.EncoderLayers}+{c.DecoderLayers} layers, d_model {c.DModel}, {c.Heads} heads, FF {c.FeedForward}, vocab {c.Vocab}, dropout {F(c.Dropout, "0.##")}",
            $"training  batch {c.Batch} x {c.SourceLength}/{c.TargetLength} tokens, {c.Optimizer}, {c.WarmupSteps} warm-up + {c.TimedSteps} timed steps",
            "",
            "training throughput (target tokens/s)",
            $"  ours (lib/Seq2Seq TransformerModel)   {F(r.Train.Ours),10}   loss {F(r.Train.OursLoss[0], "0.000")} -> {F(r.Train.OursLoss[1], "0.000")}",
            $"  built-in torch.nn.Transformer         {F(r.Train.Builtin),10}   loss {F(r.Train.BuiltinLoss[0], "0.000")} -> {F(r.Train.BuiltinLoss[1], "0.000")}",
            $"  ratio ours / built-in                 {F(r.Train.Ratio, "0.000"),10}   (median of step pairs; quartiles {F(r.Train.RatioQuartiles[0], "0.000")} .. {F(r.Train.RatioQuartiles[1], "0.000")})",
            $"  minor page faults per step            {F(r.Train.MinorFaultsPerStep.Ours, "N0"),10} ours, {F(r.Train.MinorFaultsPerStep.Builtin, "N0")} built-in",
            "",
            $"decoding (max {c.DecodeMaxLength} steps; random-init weights, so lengths are mostly the maximum)",
            $"  greedy, batch of {c.GreedySentences}, KV cache          {F(r.Decode.GreedySentencesPerSecond),8} sentences/s (mean length {F(r.Decode.GreedyMeanLength)})",
            $"  beam {c.BeamSize}, {c.BeamSentences} sentences, with KV cache    {F(r.Decode.BeamCachedSeconds, "0.000"),8} s (mean length {F(r.Decode.BeamMeanLength)})",
            $"  beam {c.BeamSize}, {c.BeamSentences} sentences, without cache    {F(r.Decode.BeamUncachedSeconds, "0.000"),8} s",
            $"  cache speed-up                          {F(r.Decode.CacheSpeedup, "0.00"),8}x   outputs identical: {(r.Decode.BeamOutputsIdentical ? "yes" : "NO")}",
            "",
            $"memory    live tensors {r.Memory.Before} before, {r.Memory.After} after {r.Memory.Iterations} train+decode iterations" +
                (r.Memory.After > r.Memory.Before ? $"  (LEAK: +{r.Memory.After - r.Memory.Before})" : ""));
    }
}
