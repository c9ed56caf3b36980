using Seq2Seq.Decoding;
using TorchSharp;

namespace Seq2Seq.Tests.Decoding;

/// <summary>The JoeyNMT PR #149 situation: the top-1 hypothesis ends with EOS at step 1, but under a length
/// penalty a longer hypothesis wins. Stopping when the top beam hits EOS would return the empty output.</summary>
[Collection("Sequential")]
public sealed class StoppingRuleTests
{
    private const int A = 4, Unk = 3, Eos = 2;

    private static MarkovDecoder Model()
    {
        var p = new double[1, 4, MarkovDecoder.Vocab, MarkovDecoder.Vocab];
        for (int pos = 0; pos < 4; pos++)
            for (int prev = 0; prev < MarkovDecoder.Vocab; prev++)
                foreach (var next in new[] { Eos, Unk, A, A + 1 }) p[0, pos, prev, next] = 0.25;
        (p[0, 0, 1, Eos], p[0, 0, 1, A], p[0, 0, 1, Unk], p[0, 0, 1, A + 1]) = (0.5, 0.45, 0.03, 0.02);        // after <s>
        (p[0, 1, A, A], p[0, 1, A, Eos], p[0, 1, A, Unk], p[0, 1, A, A + 1]) = (0.99, 0.005, 0.003, 0.002);   // after "a"
        (p[0, 2, A, Eos], p[0, 2, A, A], p[0, 2, A, Unk], p[0, 2, A, A + 1]) = (0.99, 0.004, 0.003, 0.003);   // after "a a"
        return MarkovDecoder.FromProbabilities(p);
    }

    [Fact]
    public void LongerHypothesisWinsAfterTheTopBeamEndedEarly()
    {
        using var model = Model();
        using var scope = torch.NewDisposeScope();
        var src = Sources.Make([0]);
        var options = new DecodeOptions(10);

        // Greedy (= what a search that stops when the top-1 beam emits EOS returns here): the empty output.
        var greedy = GreedySearch.Decode(model, src, options)[0];
        Assert.Empty(greedy.Tokens);
        Assert.Equal(Math.Log(0.5), greedy.LogProb, 1e-5);

        // Without a length penalty the empty output really is best: log 0.5 > log(0.45·0.99·0.99).
        Assert.Empty(BeamSearch.Decode(model, src, new BeamOptions(1, Alpha: 0), options)[0][0].Tokens);

        // With α = 1: "a a </s>" scores log(0.45·0.99·0.99) / (8/6) = -0.614 > log 0.5 / 1 = -0.693.
        foreach (var k in new[] { 1, 2, 3 })
        {
            var best = BeamSearch.Decode(model, src, new BeamOptions(k, Alpha: 1), options)[0][0];
            Assert.Equal([A, A], best.Tokens);
            Assert.True(best.EndedWithEos);
            Assert.Equal(Math.Log(0.45 * 0.99 * 0.99) / (8.0 / 6.0), best.Score, 1e-5);
        }
        var twoBest = BeamSearch.Decode(model, src, new BeamOptions(2, Alpha: 1, NBest: 2), options)[0];
        Assert.Equal(new[] { "4 4 </s>", " </s>" }, twoBest.Select(Oracle.KeyOf));
    }

    [Fact]
    public void SearchStopsAsSoonAsTheBoundRulesOutEveryLiveBeam()
    {
        // K = 1, α = 1: step 1 finishes "</s>" (-0.693) but "a" (-0.799 / lp(10) = -0.32) may still win; step 3
        // finishes "a a </s>" (-0.614) and the best live beam is then ≈ -6.5 / 2.5, so the search ends at step 3.
        using var model = Model();
        using var scope = torch.NewDisposeScope();
        BeamSearch.Decode(model, Sources.Make([0]), new BeamOptions(1, Alpha: 1), new DecodeOptions(10));
        Assert.Equal(3, model.StepCalls);
    }
    [Fact]
    public void OnlyEndingsAmongTheTopKFinish()
    {
        // K = 2. Step 2 ranks "a </s>" .30, "a a" .20, "b </s>" .189, "b b" .18: "b </s>" is third, outside the top K,
        // so it does not finish (the beam goes on with "a a" and "b b"); step 3 finishes "a a </s>" (.11), and the
        // 2-best list is "a", "a a". Finishing the rank-3 ending as well would return "a", "b" instead.
        var p = new double[1, 3, MarkovDecoder.Vocab, MarkovDecoder.Vocab];
        for (int pos = 0; pos < 3; pos++)
            for (int prev = 0; prev < MarkovDecoder.Vocab; prev++)
                foreach (var next in new[] { Eos, Unk, A, A + 1 }) p[0, pos, prev, next] = 0.25;
        void Row(int pos, int prev, double eos, double unk, double a, double b) =>
            (p[0, pos, prev, Eos], p[0, pos, prev, Unk], p[0, pos, prev, A], p[0, pos, prev, A + 1]) = (eos, unk, a, b);
        Row(0, 1, eos: 0.03, unk: 0.02, a: 0.5, b: 0.45);          // after <s>
        Row(1, A, eos: 0.6, unk: 0, a: 0.4, b: 0);                  // after "a"
        Row(1, A + 1, eos: 0.42, unk: 0.18, a: 0, b: 0.4);          // after "b"
        Row(2, A, eos: 0.55, unk: 0, a: 0.45, b: 0);                // after "a a"
        Row(2, A + 1, eos: 0.45, unk: 0.2, a: 0, b: 0.35);          // after "b b"
        using var model = MarkovDecoder.FromProbabilities(p);
        using var scope = torch.NewDisposeScope();
        var nBest = BeamSearch.Decode(model, Sources.Make([0]), new BeamOptions(2, Alpha: 0, NBest: 2), new DecodeOptions(10))[0];
        Assert.Equal(new[] { "4 </s>", "4 4 </s>" }, nBest.Select(Oracle.KeyOf));
        Assert.Equal(Math.Log(0.5 * 0.6), nBest[0].LogProb, 1e-5);
        Assert.Equal(Math.Log(0.5 * 0.4 * 0.55), nBest[1].LogProb, 1e-5);
    }

    [Fact]
    public void WithoutEarlyStoppingASentenceStillEndsWhenNoBeamIsLeft()
    {
        // After "a" every continuation is "</s>": both beams end at step 2, and the search stops there instead of
        // stepping the empty beam on to the length limit.
        var p = new double[1, 3, MarkovDecoder.Vocab, MarkovDecoder.Vocab];
        for (int pos = 0; pos < 3; pos++)
            for (int prev = 0; prev < MarkovDecoder.Vocab; prev++) p[0, pos, prev, Eos] = 1.0;
        (p[0, 0, 1, A], p[0, 0, 1, A + 1], p[0, 0, 1, Eos]) = (0.5, 0.4, 0.1);
        using var model = MarkovDecoder.FromProbabilities(p);
        using var scope = torch.NewDisposeScope();
        var nBest = BeamSearch.Decode(model, Sources.Make([0]), new BeamOptions(2, Alpha: 0, NBest: 2, StopEarly: false), new DecodeOptions(20))[0];
        Assert.Equal(new[] { "4 </s>", "5 </s>" }, nBest.Select(Oracle.KeyOf));
        Assert.Equal(2, model.StepCalls);
    }
}
