using Seq2Seq.Decoding;
using TorchSharp;

namespace Seq2Seq.Tests.Decoding;

[Collection("Sequential")]
public sealed class BeamSearchTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.6)]
    [InlineData(1.0)]
    public void LargeBeamReturnsEveryOutputInExactOrder(double alpha)
    {
        // 3 non-EOS tokens, limit 5: 1+3+9+27+81 EOS-ended + 243 cut = 364 outputs; a beam of 400 keeps them all.
        using var model = MarkovDecoder.Random(seed: 1);
        using var scope = torch.NewDisposeScope();
        int[] keys = [0, 1, 2];
        var results = BeamSearch.Decode(model, Sources.Make(keys), new BeamOptions(400, alpha, NBest: 400), new DecodeOptions(5));
        for (int b = 0; b < keys.Length; b++)
        {
            var oracle = Oracle.Enumerate(model, keys[b], 5, alpha);
            Assert.Equal(364, oracle.Count);
            Assert.Equal(oracle.Select(o => o.Key), results[b].Select(Oracle.KeyOf));
            for (int i = 0; i < oracle.Count; i++)
            {
                Assert.Equal(oracle[i].Score(alpha), results[b][i].Score, 1e-4);
                Assert.Equal(oracle[i].LogProb, results[b][i].LogProb, 1e-4);
            }
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void ModestBeamFindsTheExhaustiveBest(double alpha)
    {
        // Sharp distributions: for this model a beam of 8 already finds the optimum of all 3,280 outputs (limit 7).
        using var model = MarkovDecoder.Random(seed: 7, sharpness: 3);
        using var scope = torch.NewDisposeScope();
        int[] keys = [0, 1, 2];
        var results = BeamSearch.Decode(model, Sources.Make(keys), new BeamOptions(8, alpha), new DecodeOptions(7));
        for (int b = 0; b < keys.Length; b++)
            Assert.Equal(Oracle.Enumerate(model, keys[b], 7, alpha)[0].Key, Oracle.KeyOf(Assert.Single(results[b])));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void BeamOfOneIsGreedySearch(int seed)
    {
        using var model = MarkovDecoder.Random(seed, sharpness: 1);
        using var scope = torch.NewDisposeScope();
        int[] keys = [0, 1, 2];
        var src = Sources.Make(keys);
        var beam = BeamSearch.Decode(model, src, new BeamOptions(1, Alpha: 0), new DecodeOptions(10));
        var greedy = GreedySearch.Decode(model, src, new DecodeOptions(10));
        for (int b = 0; b < keys.Length; b++)
        {
            var one = Assert.Single(beam[b]);
            Assert.Equal(Oracle.KeyOf(greedy[b]), Oracle.KeyOf(one));
            Assert.Equal(greedy[b].LogProb, one.LogProb, 1e-4);
        }
    }

    [Fact]
    public void NBestIsSortedDistinctAndScoredByTheModel()
    {
        using var model = MarkovDecoder.Random(seed: 3, sharpness: 1);
        using var scope = torch.NewDisposeScope();
        const double alpha = 0.8;
        var nBest = BeamSearch.Decode(model, Sources.Make([1]), new BeamOptions(6, alpha, NBest: 6), new DecodeOptions(12))[0];
        Assert.Equal(6, nBest.Count);
        Assert.Equal(6, nBest.Select(Oracle.KeyOf).Distinct().Count());
        for (int i = 0; i < nBest.Count; i++)
        {
            var h = nBest[i];
            if (i > 0) Assert.True(nBest[i - 1].Score >= h.Score, $"n-best not sorted at {i}");
            Assert.Equal(Oracle.LogProbOf(model, 1, h.Tokens, h.EndedWithEos), h.LogProb, 1e-4);
            Assert.Equal(h.StepLogProbs.Sum(x => (double)x), h.LogProb, 1e-4);
            Assert.Equal(h.Tokens.Length + (h.EndedWithEos ? 1 : 0), h.Length);
            Assert.Equal(h.LogProb / Math.Pow((5.0 + h.Length) / 6.0, alpha), h.Score, 6);
        }
    }

    [Fact]
    public void BatchedDecodingEqualsDecodingEachSentenceAlone()
    {
        using var model = MarkovDecoder.Random(seed: 5, sharpness: 1);
        using var scope = torch.NewDisposeScope();
        int[] keys = [2, 0, 1, 0], lengths = [3, 6, 2, 4];
        var options = new DecodeOptions(MaxLength: 12, MaxLengthRatio: 1.0, MaxLengthOffset: 2);   // limits 5, 8, 4, 6
        var beam = new BeamOptions(4, 0.6, NBest: 3);
        var batched = BeamSearch.Decode(model, Sources.Make(keys, lengths), beam, options);
        for (int b = 0; b < keys.Length; b++)
        {
            var alone = BeamSearch.Decode(model, Sources.Row(keys, lengths, b), beam, options)[0];
            Assert.Equal(alone.Select(Oracle.KeyOf), batched[b].Select(Oracle.KeyOf));
            Assert.Equal(alone.Select(h => h.Score), batched[b].Select(h => h.Score));
            Assert.All(batched[b], h => Assert.True(h.Length <= options.LimitFor(lengths[b])));
        }
    }

    [Theory]
    [InlineData(21, 0.0)]
    [InlineData(22, 0.6)]
    [InlineData(23, 1.0)]
    [InlineData(24, 2.0)]
    public void EarlyStoppingNeverChangesTheNBest(int seed, double alpha)
    {
        // The rule only stops a sentence when no live hypothesis can enter its K best: running every sentence to
        // the limit instead must give the same lists, only more slowly.
        using var scope = torch.NewDisposeScope();
        int[] keys = [0, 1, 2];
        var options = new DecodeOptions(16);
        using var early = MarkovDecoder.Random(seed, sharpness: 2);
        using var full = MarkovDecoder.Random(seed, sharpness: 2);
        var a = BeamSearch.Decode(early, Sources.Make(keys), new BeamOptions(3, alpha, NBest: 3), options);
        var b = BeamSearch.Decode(full, Sources.Make(keys), new BeamOptions(3, alpha, NBest: 3, StopEarly: false), options);
        for (int s = 0; s < keys.Length; s++)
        {
            Assert.Equal(b[s].Select(Oracle.KeyOf), a[s].Select(Oracle.KeyOf));
            Assert.Equal(b[s].Select(h => h.Score), a[s].Select(h => h.Score));
        }
        Assert.Equal(16, full.StepCalls);
        // With α = 2 the optimistic bound log P / lp(16) stays too high to stop before the limit here.
        if (alpha <= 1) Assert.True(early.StepCalls < full.StepCalls, $"early stopping took {early.StepCalls} steps, the full run {full.StepCalls}");
    }
}
