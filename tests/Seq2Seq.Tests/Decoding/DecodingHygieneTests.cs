using Seq2Seq.Decoding;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Decoding;

/// <summary>Memory discipline and error reporting shared by all decoders.</summary>
[Collection("Sequential")]
public sealed class DecodingHygieneTests
{
    public static TheoryData<string> Decoders => ["greedy", "sampling", "beam"];

    private static IReadOnlyList<Hypothesis> Decode(string decoder, IStepDecoder model, Tensor src, DecodeOptions options) => decoder switch
    {
        "greedy" => GreedySearch.Decode(model, src, options),
        "sampling" => Sampling.Decode(model, src, new SamplingOptions(Seed: 3), options),
        _ => BeamSearch.Decode(model, src, new BeamOptions(4, 0.6), options).Select(n => n[0]).ToList(),
    };

    [Theory]
    [MemberData(nameof(Decoders))]
    public void LiveTensorCountStaysFlatOverALongLoop(string decoder)
    {
        using var model = MarkovDecoder.Random(seed: 51, allowEos: false);   // runs to the limit: 300 steps
        using var src = Sources.Make([0, 1, 2]);
        var stats = DisposeScopeManager.Statistics;
        Decode(decoder, model, src, new DecodeOptions(5));   // warm-up
        stats.Reset();
        long before = stats.ThreadTotalLiveCount;
        model.LiveTensorsAtStep.Clear();

        var results = Decode(decoder, model, src, new DecodeOptions(300));

        Assert.All(results, h => Assert.Equal(300, h.Length));
        var perStep = model.LiveTensorsAtStep.Skip(1).ToList();   // step 1 still holds the state Start made
        Assert.True(perStep.Max() == perStep.Min(), $"live tensors at each step ranged {perStep.Min()}..{perStep.Max()} over 300 steps");
        Assert.Equal(before, stats.ThreadTotalLiveCount);         // nothing survives the call
        Assert.False(src.IsInvalid);                              // and the caller's input is untouched
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void BadInputsAreReportedByName(string decoder)
    {
        using var model = MarkovDecoder.Random(seed: 52);
        using var scope = torch.NewDisposeScope();
        var oneDim = Assert.Throws<ArgumentException>(() => Decode(decoder, model, torch.ones(4, dtype: ScalarType.Int64), DecodeOptions.Default));
        Assert.Contains("srcIds must be [B, S]", oneDim.Message);
        var wrongType = Assert.Throws<ArgumentException>(() => Decode(decoder, model, torch.ones(2, 3), DecodeOptions.Default));
        Assert.Contains("int64", wrongType.Message);
        Assert.Throws<ArgumentException>(() => Decode(decoder, model, Sources.Make([0]), new DecodeOptions(MaxLength: 0)));
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void AStateHoldingTheCallersTensorLeavesItAlive(string decoder)
    {
        // DisposeEverythingBut adopts every tensor it is told to keep; a state that carries the caller's srcIds
        // (as a model may, to build masks later) must not hand them to the decoder's scope.
        var src = Sources.Make([0, 1]);   // outside any scope: the caller owns it
        try
        {
            Decode(decoder, new HoldsSource(), src, new DecodeOptions(6));
            Assert.False(src.IsInvalid);
            Assert.Equal(2 * 4, src.ne(0).sum().item<long>());
        }
        finally { src.Dispose(); }
    }

    [Fact]
    public void AModelReturningTheWrongShapeIsNamed()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<InvalidOperationException>(() => GreedySearch.Decode(new WrongShape(), Sources.Make([0, 1]), DecodeOptions.Default));
        Assert.Contains("WrongShape.Step", e.Message);
        Assert.Contains("expected [2, V]", e.Message);
    }

    [Fact]
    public void BeamOptionsAreValidated()
    {
        Assert.Contains("BeamSize", Assert.Throws<ArgumentException>(() => new BeamOptions(0).Validate()).Message);
        Assert.Contains("NBest", Assert.Throws<ArgumentException>(() => new BeamOptions(2, NBest: 3).Validate()).Message);
        Assert.Contains("Alpha", Assert.Throws<ArgumentException>(() => new BeamOptions(2, double.NaN).Validate()).Message);
    }

    /// <summary>Uniform over 6 tokens (EOS banned, so every sentence runs to the limit); its state keeps the very
    /// srcIds tensor it was started with.</summary>
    private sealed class HoldsSource : IStepDecoder
    {
        public IDecoderState Start(Tensor srcIds) => new State(srcIds);
        public (Tensor LogProbs, IDecoderState State) Step(Tensor lastTokens, IDecoderState state)
        {
            var logits = torch.zeros(lastTokens.shape[0], 6);
            logits[.., 2] = float.NegativeInfinity;
            return (logits.log_softmax(1), state);
        }
        private sealed class State(Tensor src) : IDecoderState
        {
            public IDecoderState Select(Tensor index) => index.shape[0] == src.shape[0] && index.eq(torch.arange(index.shape[0])).all().item<bool>()
                ? this : new State(src.index_select(0, index));
            public IEnumerable<Tensor> Tensors => [src];
        }
    }

    private sealed class WrongShape : IStepDecoder
    {
        public IDecoderState Start(Tensor srcIds) => new NoState();
        public (Tensor LogProbs, IDecoderState State) Step(Tensor lastTokens, IDecoderState state) => (torch.zeros(lastTokens.shape[0], 3, 7), state);
        private sealed class NoState : IDecoderState
        {
            public IDecoderState Select(Tensor index) => this;
            public IEnumerable<Tensor> Tensors => [];
        }
    }
}
