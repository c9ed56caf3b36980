using Seq2Seq.Decoding;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Decoding;

[Collection("Sequential")]
public sealed class SamplingTests
{
    private static readonly int[] Keys = [0, 1, 2, 0, 1, 2, 0, 1];

    [Theory]
    [InlineData(0.0, 0)]      // temperature 0 means greedy
    [InlineData(1e-3, 0)]     // temperature → 0 concentrates all mass on the argmax
    [InlineData(1.0, 1)]      // top-k = 1 leaves only the argmax
    [InlineData(1.0, 0, 1e-6)] // a tiny nucleus holds only the argmax
    public void DegenerateSettingsAreGreedy(double temperature, int topK, double topP = 1.0)
    {
        using var model = MarkovDecoder.Random(seed: 41, sharpness: 1);
        using var scope = torch.NewDisposeScope();
        var src = Sources.Make(Keys);
        var greedy = GreedySearch.Decode(model, src, new DecodeOptions(10));
        var sampled = Sampling.Decode(model, src, new SamplingOptions(temperature, topK, topP, Seed: 9), new DecodeOptions(10));
        Assert.Equal(greedy.Select(Oracle.KeyOf), sampled.Select(Oracle.KeyOf));
    }

    [Fact]
    public void SameSeedSameSamplesOtherSeedOtherSamples()
    {
        using var model = MarkovDecoder.Random(seed: 42, sharpness: 0.5);
        using var scope = torch.NewDisposeScope();
        var src = Sources.Make(Keys);
        string Run(ulong seed)
        {
            torch.manual_seed((long)seed + 1000);   // the global generator must not matter
            return string.Join(" | ", Sampling.Decode(model, src, new SamplingOptions(Seed: seed), new DecodeOptions(10)).Select(Oracle.KeyOf));
        }
        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
        Assert.NotEqual(Run(7), string.Join(" | ", GreedySearch.Decode(model, src, new DecodeOptions(10)).Select(Oracle.KeyOf)));
    }

    [Fact]
    public void FirstTokenFrequenciesMatchTheAdjustedDistribution()
    {
        // 4,000 one-step samples of the same sentence: frequencies ≈ softmax(log p / T) cut to the top 3.
        using var model = MarkovDecoder.Random(seed: 43, sharpness: 1);
        using var scope = torch.NewDisposeScope();
        var options = new SamplingOptions(Temperature: 1.5, TopK: 3, Seed: 1);
        var src = Sources.Make(Enumerable.Repeat(1, 4000).ToArray());
        var first = Sampling.Decode(model, src, options, new DecodeOptions(1))
            .Select(h => h.EndedWithEos ? 2 : h.Tokens[0]).ToArray();
        // By hand, not through Sampling.AdjustLogProbs (the function under test): exp(log p / T) on the 3 likeliest tokens.
        var logP = Enumerable.Range(0, MarkovDecoder.Vocab).Select(t => (double)model.LogProb(1, 0, 1, t)).ToArray();
        var top3 = Enumerable.Range(0, logP.Length).OrderByDescending(t => logP[t]).Take(3).ToHashSet();
        var weight = logP.Select((lp, t) => top3.Contains(t) ? Math.Exp(lp / options.Temperature) : 0).ToArray();
        var expected = weight.Select(w => w / weight.Sum()).ToArray();
        Assert.Equal(3, expected.Count(p => p > 0));
        for (int t = 0; t < MarkovDecoder.Vocab; t++)
        {
            double freq = first.Count(x => x == t) / 4000.0;
            Assert.True(Math.Abs(freq - expected[t]) < 0.03, $"token {t}: sampled {freq:F3}, expected {expected[t]:F3}");
        }
    }

    [Fact]
    public void AdjustLogProbsMatchesHandComputedCuts()
    {
        using var scope = torch.NewDisposeScope();
        var logProbs = torch.tensor(new[] { 0.5f, 0.3f, 0.15f, 0.05f }).log().unsqueeze(0);   // [1, 4]
        float[] P(SamplingOptions o) => Sampling.AdjustLogProbs(logProbs, o).exp()[0].data<float>().ToArray();

        Assert.Equal(new[] { 0.5f, 0.3f, 0.15f, 0.05f }, P(new SamplingOptions()), new FloatTolerance(1e-6f));
        Assert.Equal(new[] { 0.625f, 0.375f, 0, 0 }, P(new SamplingOptions(TopK: 2)), new FloatTolerance(1e-6f));
        // Nucleus 0.7: "0.5" (mass before 0) and "0.3" (mass before 0.5) stay; "0.15" has 0.8 before it.
        Assert.Equal(new[] { 0.625f, 0.375f, 0, 0 }, P(new SamplingOptions(TopP: 0.7)), new FloatTolerance(1e-6f));
        Assert.Equal(new[] { 1f, 0, 0, 0 }, P(new SamplingOptions(TopP: 0.5)), new FloatTolerance(1e-6f));
        // Temperature 2: p^(1/2) renormalised.
        var root = new[] { 0.5, 0.3, 0.15, 0.05 }.Select(Math.Sqrt).ToArray();
        Assert.Equal(root.Select(r => (float)(r / root.Sum())).ToArray(), P(new SamplingOptions(Temperature: 2)), new FloatTolerance(1e-6f));
    }

    [Fact]
    public void InvalidSettingsAreNamed()
    {
        Assert.Contains("Temperature", Assert.Throws<ArgumentException>(() => new SamplingOptions(-1).Validate()).Message);
        Assert.Contains("TopK", Assert.Throws<ArgumentException>(() => new SamplingOptions(TopK: -2).Validate()).Message);
        Assert.Contains("TopP", Assert.Throws<ArgumentException>(() => new SamplingOptions(TopP: 0).Validate()).Message);
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
