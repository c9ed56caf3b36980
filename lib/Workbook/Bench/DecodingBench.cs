using System.Diagnostics;
using Seq2Seq.Decoding;
using Seq2Seq.Transformer;
using TorchSharp;
using static TorchSharp.torch;

namespace Workbook.Bench;

/// <summary>Decoding speed: batched greedy search, and beam search with and without the key/value cache on
/// the same model and sentences (the outputs must agree; only the time may differ).</summary>
internal static class DecodingBench
{
    public sealed record Result(double GreedySentencesPerSecond, double GreedySeconds, double GreedyMeanLength,
        double BeamCachedSeconds, double BeamUncachedSeconds, double BeamMeanLength, bool BeamOutputsIdentical);

    public static Result Measure(TransformerModel model, BenchSettings s, Device device, CancellationToken cancel)
    {
        model.eval();
        using var scope = torch.NewDisposeScope();
        var options = new DecodeOptions(s.DecodeMaxLength);
        var beam = new BeamOptions(s.BeamSize, Alpha: 0.6);
        var warm = BenchData.Sources(s, 2, seed: 4, device);
        foreach (var cache in new[] { true, false })
        {
            model.UseKvCache = cache;
            GreedySearch.Decode(model, warm, new DecodeOptions(4));
            BeamSearch.Decode(model, warm, beam, new DecodeOptions(4));
        }
        cancel.ThrowIfCancellationRequested();

        model.UseKvCache = true;
        var greedySrc = BenchData.Sources(s, s.GreedySentences, seed: 2, device);
        var (greedy, greedySeconds) = Time(() => GreedySearch.Decode(model, greedySrc, options));
        cancel.ThrowIfCancellationRequested();

        var beamSrc = BenchData.Sources(s, s.BeamSentences, seed: 3, device);
        var (cached, cachedSeconds) = Time(() => BeamSearch.Decode(model, beamSrc, beam, options));
        cancel.ThrowIfCancellationRequested();
        model.UseKvCache = false;
        var (uncached, uncachedSeconds) = Time(() => BeamSearch.Decode(model, beamSrc, beam, options));
        model.UseKvCache = true;

        bool identical = cached.Zip(uncached).All(p => p.First[0].Tokens.SequenceEqual(p.Second[0].Tokens));
        return new Result(s.GreedySentences / greedySeconds, greedySeconds, greedy.Average(h => h.Length),
            cachedSeconds, uncachedSeconds, cached.Average(n => n[0].Length), identical);
    }

    private static (T Value, double Seconds) Time<T>(Func<T> run)
    {
        var clock = Stopwatch.StartNew();
        var value = run();
        return (value, clock.Elapsed.TotalSeconds);
    }
}
