using Seq2Seq.Decoding;
using TorchSharp;

namespace Seq2Seq.Tests.Decoding;

[Collection("Sequential")]
public sealed class GreedySearchTests
{
    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    public void FollowsTheArgmaxChainOfEverySentence(int seed)
    {
        using var model = MarkovDecoder.Random(seed, sharpness: 1);
        using var scope = torch.NewDisposeScope();
        int[] keys = [0, 1, 2, 1];
        var results = GreedySearch.Decode(model, Sources.Make(keys), new DecodeOptions(9));
        Assert.Equal(keys.Length, results.Count);
        for (int b = 0; b < keys.Length; b++)
        {
            var expected = Oracle.Greedy(model, keys[b], 9);
            Assert.Equal(expected.Key, Oracle.KeyOf(results[b]));
            Assert.Equal(expected.LogProb, results[b].LogProb, 1e-4);
            Assert.Equal(results[b].LogProb, results[b].Score);
            Assert.Equal(expected.Length, results[b].StepLogProbs.Length);
        }
    }

    [Fact]
    public void BatchedEqualsAloneWithPerSentenceLengthLimits()
    {
        using var model = MarkovDecoder.Random(seed: 33, allowEos: false);   // never stops by itself
        using var scope = torch.NewDisposeScope();
        int[] keys = [0, 1, 2], lengths = [2, 7, 4];
        var options = new DecodeOptions(MaxLength: 8, MaxLengthRatio: 1.5, MaxLengthOffset: 1);   // limits 4, 8, 7
        var batched = GreedySearch.Decode(model, Sources.Make(keys, lengths), options);
        Assert.Equal(new[] { 4, 8, 7 }, batched.Select(h => h.Length));
        Assert.All(batched, h => Assert.False(h.EndedWithEos));
        for (int b = 0; b < keys.Length; b++)
            Assert.Equal(Oracle.KeyOf(GreedySearch.Decode(model, Sources.Row(keys, lengths, b), options)[0]), Oracle.KeyOf(batched[b]));
    }

    [Fact]
    public void LengthLimitsFollowTheOptions()
    {
        var options = new DecodeOptions(MaxLength: 50, MaxLengthRatio: 1.5, MaxLengthOffset: 5);
        Assert.Equal(5 + 15, options.LimitFor(10));
        Assert.Equal(50, options.LimitFor(100));
        Assert.Equal(5, options.LimitFor(0));
        Assert.Equal(50, new DecodeOptions(50).LimitFor(1000));
        Assert.Contains("MaxLength", Assert.Throws<ArgumentException>(() => new DecodeOptions(0).Validate()).Message);
        Assert.Contains("MaxLengthRatio", Assert.Throws<ArgumentException>(() => new DecodeOptions(10, -1).Validate()).Message);
    }
}
