using Seq2Seq.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Runtime;

[Collection("Sequential")]
public sealed class DropoutNoiseTests
{
    private const long N = 1 << 20;                                   // 1,048,576 draws: σ of a rate ≈ 0.0005

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void DropsAtRatePAndKeepsTheExpectationAtOne(double p)
    {
        using var scope = torch.NewDisposeScope();
        var noise = DropoutNoise.Make([N], p, seed: 7);
        var (threshold, scale) = DropoutNoise.ThresholdAndScale(p);
        Assert.True(Math.Abs(threshold / 65536.0 - p) <= 1.0 / 131072, $"effective p {threshold / 65536.0}");
        var dropped = noise.eq(0);
        Assert.True(noise.eq(scale).logical_or(dropped).all().item<bool>(), "values other than 0 and the keep scale");
        double rate = dropped.to_type(ScalarType.Float64).mean().item<double>();
        Assert.InRange(rate, p - 0.0025, p + 0.0025);                 // 5σ
        Assert.InRange(noise.to_type(ScalarType.Float64).mean().item<double>(), 1 - 0.01, 1 + 0.01);
        Assert.Equal(1.0 / (1.0 - threshold / 65536.0), scale, 6);   // E[noise] = 1 exactly for the effective p
    }

    [Fact]
    public void NeighbouringElementsAreIndependent()
    {
        // Four elements share one 64-bit word and words come from consecutive counters: pairs at every lag
        // inside a word and across words must be dropped together at rate p², not more, not less.
        const double p = 0.5;
        using var scope = torch.NewDisposeScope();
        var dropped = DropoutNoise.Make([N], p, seed: 11).eq(0).to_type(ScalarType.Float64);
        foreach (long lag in new long[] { 1, 2, 3, 4, 5, 8, 64 })
        {
            double both = dropped.narrow(0, 0, N - lag).mul(dropped.narrow(0, lag, N - lag)).mean().item<double>();
            Assert.InRange(both, p * p - 0.0025, p * p + 0.0025);
        }
    }

    [Fact]
    public void TheMaskIsAPureFunctionOfSeedAndPosition()
    {
        // Vectorised body and scalar tail must agree: every prefix length gives the prefix of the long mask.
        using var scope = torch.NewDisposeScope();
        var full = DropoutNoise.Make([4099], 0.3, seed: 42);
        foreach (long n in new long[] { 1, 3, 4, 5, 17, 63, 64, 65, 1001, 4099 })
            Assert.True(Same(DropoutNoise.Make([n], 0.3, seed: 42), full.narrow(0, 0, n)), $"prefix {n} differs");
        Assert.True(Same(DropoutNoise.Make([17, 241], 0.3, seed: 42).flatten(), full.narrow(0, 0, 17 * 241)));
        Assert.False(Same(DropoutNoise.Make([4099], 0.3, seed: 43), full));
    }

    [Fact]
    public void WordJIsTheJthOutputOfSplitMix64()
    {
        // The definition, independent of vector width: element 4j + k is kept when bits 16k … 16k+15 of
        // SplitMix64(seed)'s j-th output are at least round(p · 65536).
        const double p = 0.3;
        var (threshold, scale) = DropoutNoise.ThresholdAndScale(p);
        var generator = new Seq2Seq.Data.SplitMix64(99);
        var expected = new float[1003];
        for (int j = 0; j * 4 < expected.Length; j++)
        {
            ulong word = generator.NextUInt64();
            for (int k = 0; k < 4 && 4 * j + k < expected.Length; k++)
                expected[4 * j + k] = (ushort)(word >> (16 * k)) >= threshold ? scale : 0f;
        }
        using var scope = torch.NewDisposeScope();
        Assert.Equal(expected, DropoutNoise.Make([expected.Length], p, seed: 99).data<float>().ToArray());
    }

    [Fact]
    public void SeedsComeFromTorchManualSeed()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        var first = DropoutNoise.Make([1000], 0.5);
        var second = DropoutNoise.Make([1000], 0.5);
        torch.manual_seed(5);
        Assert.True(Same(DropoutNoise.Make([1000], 0.5), first), "same torch seed, different mask");
        Assert.False(Same(second, first), "consecutive masks are equal");
    }

    [Fact]
    public void RejectsProbabilitiesOutsideZeroToOne()
    {
        foreach (double p in new[] { -0.1, 1.0, double.NaN })
            Assert.Throws<ArgumentOutOfRangeException>(() => DropoutNoise.Make([4], p, seed: 1));
    }
}
