using Seq2Seq.Decoding;
using TorchSharp;

namespace Seq2Seq.Tests.Decoding;

[Collection("Sequential")]
public sealed class ExactSearchTests
{
    [Theory]
    [InlineData(1, 1.0, 5)]
    [InlineData(2, 0.5, 6)]
    [InlineData(3, 2.0, 7)]
    [InlineData(4, 0.3, 6)]
    public void FindsTheBestOfEveryEnumeratedOutput(int seed, double sharpness, int limit)
    {
        using var model = MarkovDecoder.Random(seed, sharpness: sharpness);
        using var scope = torch.NewDisposeScope();
        int[] keys = [0, 1, 2];
        var results = ExactSearch.Decode(model, Sources.Make(keys), new DecodeOptions(limit));
        for (int b = 0; b < keys.Length; b++)
        {
            var oracle = Oracle.Enumerate(model, keys[b], limit, alpha: 0);
            Assert.Equal(oracle[0].LogProb, results[b].LogProb, 1e-4);
            if (oracle[1].LogProb < oracle[0].LogProb - 1e-4) Assert.Equal(oracle[0].Key, Oracle.KeyOf(results[b]));   // unless tied
            Assert.Equal(results[b].LogProb, results[b].Score);
            Assert.Equal(Oracle.LogProbOf(model, keys[b], results[b].Tokens, results[b].EndedWithEos), results[b].LogProb, 1e-4);
            Assert.Equal(results[b].Tokens.Length + (results[b].EndedWithEos ? 1 : 0), results[b].StepLogProbs.Length);
        }
    }

    [Fact]
    public void OutputsCutAtTheLimitCountToo()
    {
        using var model = MarkovDecoder.Random(seed: 21, allowEos: false);   // every output runs to the limit
        using var scope = torch.NewDisposeScope();
        var best = ExactSearch.Decode(model, Sources.Make([1]), new DecodeOptions(6))[0];
        var oracle = Oracle.Enumerate(model, 1, 6, alpha: 0)[0];
        Assert.False(best.EndedWithEos);
        Assert.Equal(6, best.Tokens.Length);
        Assert.Equal(oracle.Key, Oracle.KeyOf(best));
        Assert.Equal(oracle.LogProb, best.LogProb, 1e-4);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void IsNeverBelowGreedyOrBeamSearch(int seed)
    {
        using var model = MarkovDecoder.Random(seed, sharpness: 1.2);
        using var scope = torch.NewDisposeScope();
        int[] keys = [0, 1, 2, 0, 1, 2];
        var src = Sources.Make(keys, [3, 4, 5, 6, 7, 8]);
        var options = new DecodeOptions(10);
        var exact = ExactSearch.Decode(model, src, options);
        var greedy = GreedySearch.Decode(model, src, options);
        for (int b = 0; b < keys.Length; b++) Assert.True(exact[b].LogProb >= greedy[b].LogProb - 1e-4, $"sentence {b}: exact {exact[b]} < greedy {greedy[b]}");
        foreach (var k in new[] { 1, 2, 5, 10 })
        {
            var beam = BeamSearch.Decode(model, src, new BeamOptions(k, Alpha: 0), options);
            for (int b = 0; b < keys.Length; b++)
                Assert.True(exact[b].LogProb >= beam[b][0].LogProb - 1e-4, $"sentence {b}: exact {exact[b]} < beam {k} {beam[b][0]}");
        }
    }

    [Fact]
    public void APeakedModelNeedsFewExpansions()
    {
        // Sharp distributions: the greedy output is almost always the best, and pruning leaves little to expand.
        using var model = MarkovDecoder.Random(seed: 7, sharpness: 3);
        using var scope = torch.NewDisposeScope();
        var results = ExactSearch.Search(model, Sources.Make([0, 1, 2]), new DecodeOptions(7));
        Assert.All(results, r => Assert.InRange(r.Expansions, 1, 200));   // an exhaustive search would expand 1,093 prefixes
    }

    [Fact]
    public void TooManyExpansionsIsAClearError()
    {
        using var model = MarkovDecoder.Random(seed: 5, sharpness: 0.1, allowEos: false);   // nearly uniform
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<InvalidOperationException>(() => ExactSearch.Decode(model, Sources.Make([0]), new DecodeOptions(12), maxExpansions: 50));
        Assert.Matches(@"^ExactSearch: sentence 0 needs more than 50 expansions \(best log P so far -?[\d.]+\); the model is too flat " +
            @"or the outputs too long for exhaustive search\. Raise maxExpansions, lower DecodeOptions\.MaxLength, or use BeamSearch\.$", e.Message);
    }

    [Fact]
    public void LeavesNoTensorsBehindAndTheInputAlive()
    {
        using var model = MarkovDecoder.Random(seed: 8, sharpness: 1);
        using var src = Sources.Make([0, 1, 2]);
        var stats = DisposeScopeManager.Statistics;
        ExactSearch.Decode(model, src, new DecodeOptions(4));   // warm-up
        stats.Reset();
        long before = stats.ThreadTotalLiveCount;
        ExactSearch.Decode(model, src, new DecodeOptions(8));
        Assert.Equal(before, stats.ThreadTotalLiveCount);
        Assert.False(src.IsInvalid);
    }
}
