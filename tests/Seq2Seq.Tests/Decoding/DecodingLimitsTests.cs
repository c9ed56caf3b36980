using Seq2Seq.Decoding;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Decoding;

/// <summary>The edges of the decoding settings (the last valid value passes, the first invalid one is refused with
/// its own message) and the length arithmetic written out by hand. The older tests checked one bad value per
/// field; a mutation run showed the edges themselves unchecked.</summary>
[Collection("Sequential")]
public sealed class DecodingLimitsTests
{
    [Fact]
    public void BeamOptionsAcceptTheirEdgesAndNameThePastThem()
    {
        new BeamOptions(1, Alpha: 0, NBest: 1).Validate();
        new BeamOptions(3, NBest: 3).Validate();
        string Refused(BeamOptions o) => Assert.Throws<ArgumentException>(() => o.Validate()).Message;
        Assert.Equal("BeamOptions.BeamSize must be ≥ 1, got 0.", Refused(new BeamOptions(0, NBest: 0)));
        Assert.Equal("BeamOptions.Alpha must be a finite number ≥ 0, got -0.1.", Refused(new BeamOptions(2, -0.1)));
        Assert.StartsWith("BeamOptions.Alpha must be a finite number ≥ 0, got ", Refused(new BeamOptions(2, double.PositiveInfinity)));
        Assert.Equal("BeamOptions.NBest must be between 1 and BeamSize (3), got 0.", Refused(new BeamOptions(3, NBest: 0)));
        Assert.Equal("BeamOptions.NBest must be between 1 and BeamSize (3), got 4.", Refused(new BeamOptions(3, NBest: 4)));
    }

    [Fact]
    public void DecodeOptionsAcceptTheirEdgesAndNameThePastThem()
    {
        new DecodeOptions(1, MaxLengthRatio: 1e-9, MaxLengthOffset: 0).Validate();
        string Refused(DecodeOptions o) => Assert.Throws<ArgumentException>(() => o.Validate()).Message;
        Assert.Equal("DecodeOptions.MaxLength must be ≥ 1, got 0.", Refused(new DecodeOptions(0)));
        Assert.Equal("DecodeOptions.MaxLengthRatio must be a positive number, got 0.", Refused(new DecodeOptions(5, 0)));
        Assert.StartsWith("DecodeOptions.MaxLengthRatio must be a positive number, got ", Refused(new DecodeOptions(5, double.PositiveInfinity)));
        Assert.Equal("DecodeOptions.MaxLengthOffset must be ≥ 0, got -1.", Refused(new DecodeOptions(5, 1.5, -1)));
        Assert.Equal("DecodeOptions.MaxLengthOffset must be ≥ 0, got -1.", Refused(new DecodeOptions(5, null, -1)));
    }

    [Fact]
    public void TheRatioLimitRoundsUpAndNeverFallsBelowOneStep()
    {
        var options = new DecodeOptions(MaxLength: 40, MaxLengthRatio: 1.5, MaxLengthOffset: 0);
        Assert.Equal(5, options.LimitFor(3));                      // ⌈4.5⌉, not 4
        Assert.Equal(1, options.LimitFor(0));                      // clamped up to one step
        Assert.Equal(40, options.LimitFor(27));                    // ⌈40.5⌉ = 41, clamped down
        Assert.Equal(39, options.LimitFor(26));                    // exactly below the cap
        Assert.Equal(12, (options with { MaxLengthOffset = 7 }).LimitFor(3));
    }

    [Theory]
    [InlineData(1, 0.6, 1.0)]
    [InlineData(7, 0.0, 1.0)]
    [InlineData(7, 1.0, 2.0)]                                        // (5 + 7) / 6 = 2
    [InlineData(13, 0.5, 1.7320508075688772)]                       // √3
    [InlineData(19, 2.0, 16.0)]                                      // 4²
    public void GnmtPenaltyIsTheFormula(int length, double alpha, double expected)
    {
        Assert.Equal(expected, LengthPenalty.Gnmt(length, alpha), 12);
        Assert.Equal(-3.0 / expected, LengthPenalty.Normalise(-3.0, length, alpha), 12);
    }

    [Fact]
    public void SamplingOptionsAcceptTheirEdgesAndNameThePastThem()
    {
        new SamplingOptions(0, 0, 1.0).Validate();
        new SamplingOptions(1, 1, 1e-9).Validate();
        string Refused(SamplingOptions o) => Assert.Throws<ArgumentException>(() => o.Validate()).Message;
        Assert.Equal("SamplingOptions.Temperature must be a finite number ≥ 0, got -0.5.", Refused(new SamplingOptions(-0.5)));
        Assert.StartsWith("SamplingOptions.Temperature must be a finite number ≥ 0, got ", Refused(new SamplingOptions(double.PositiveInfinity)));
        Assert.Equal("SamplingOptions.TopK must be ≥ 0 (0 = no limit), got -1.", Refused(new SamplingOptions(TopK: -1)));
        Assert.Equal("SamplingOptions.TopP must be in (0, 1], got 1.01.", Refused(new SamplingOptions(TopP: 1.01)));
        Assert.StartsWith("SamplingOptions.TopP must be in (0, 1], got ", Refused(new SamplingOptions(TopP: double.NaN)));
    }

    [Fact]
    public void AdjustedDistributionsAtTheirEdges()
    {
        using var scope = torch.NewDisposeScope();
        var logProbs = tensor(new[] { 0.5f, 0.3f, 0.15f, 0.05f }).log().unsqueeze(0);                // [1, 4]
        float[] P(SamplingOptions o) => Sampling.AdjustLogProbs(logProbs, o).exp()[0].data<float>().ToArray();
        var unchanged = new[] { 0.5f, 0.3f, 0.15f, 0.05f };
        AssertClose(unchanged, P(new SamplingOptions(TopK: 4)));                                       // K = V keeps every token
        AssertClose(unchanged, P(new SamplingOptions(TopK: 9)));                                       // K > V too
        AssertClose([1f, 0, 0, 0], P(new SamplingOptions(TopK: 1)));
        // Nucleus exactly at a boundary: 0.8 is reached by the first two tokens, so the third (mass before it 0.8)
        // is dropped; float rounding of the cumulative sum is why 0.8 is written as 0.8 - 1e-6 here.
        AssertClose([0.625f, 0.375f, 0, 0], P(new SamplingOptions(TopP: 0.8 - 1e-6)));
        AssertClose([0.5f / 0.95f, 0.3f / 0.95f, 0.15f / 0.95f, 0], P(new SamplingOptions(TopP: 0.81)));
        var e = Assert.Throws<ArgumentException>(() => Sampling.AdjustLogProbs(logProbs, new SamplingOptions(0)));
        Assert.Contains("AdjustLogProbs needs Temperature > 0 (0 means greedy).", e.Message);
    }

    [Fact]
    public void AHypothesisPrintsItsTokensScoresAndWhetherItWasCut()
    {
        var ended = new Hypothesis([4, 5], -1.25, -1.5, [-1f, -0.25f, -0.25f], EndedWithEos: true);
        Assert.Equal(3, ended.Length);                                                               // EOS counts as a step
        Assert.Equal("[4 5] score -1.2500 logP -1.5000", ended.ToString());
        var cut = new Hypothesis([4, 5, 6], -2, -2, [-1f, -0.5f, -0.5f], EndedWithEos: false);
        Assert.Equal(3, cut.Length);
        Assert.Equal("[4 5 6] (cut) score -2.0000 logP -2.0000", cut.ToString());
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-6, $"token {i}: expected {expected[i]}, got {actual[i]}");
    }
}
