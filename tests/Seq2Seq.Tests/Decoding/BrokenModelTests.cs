using Seq2Seq.Decoding;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Decoding;

/// <summary>What each decoder says when the model (a student's, often) returns something that is not a row of
/// log-probabilities per sentence, and when the source is empty: the message names the model's class, what it
/// returned and what was expected, instead of an index error deep inside a search.</summary>
[Collection("Sequential")]
public sealed class BrokenModelTests
{
    public static TheoryData<string> Decoders => ["greedy", "sampling", "beam", "exact"];

    private static void Decode(string decoder, IStepDecoder model, Tensor src)
    {
        var options = new DecodeOptions(4);
        switch (decoder)
        {
            case "greedy": GreedySearch.Decode(model, src, options); break;
            case "sampling": Sampling.Decode(model, src, new SamplingOptions(Seed: 1), options); break;
            case "beam": BeamSearch.Decode(model, src, new BeamOptions(2), options); break;
            default: ExactSearch.Decode(model, src, options); break;
        }
    }

    private static string NameOf(string decoder) => decoder switch
    {
        "greedy" => "GreedySearch",
        "sampling" => "Sampling",
        "beam" => "BeamSearch",
        _ => "ExactSearch",
    };

    [Theory]
    [MemberData(nameof(Decoders))]
    public void AnEmptySourceIsNamedWithItsShape(string decoder)
    {
        using var scope = torch.NewDisposeScope();
        var model = new Fixed(rows => torch.zeros(rows, 5).log_softmax(1));
        foreach (var (src, shape) in new[] { (torch.zeros(0, 3, dtype: ScalarType.Int64), "[0, 3]"), (torch.zeros(2, 0, dtype: ScalarType.Int64), "[2, 0]") })
        {
            var e = Assert.Throws<ArgumentException>(() => Decode(decoder, model, src));
            Assert.Contains($"{NameOf(decoder)}: srcIds must be [B, S] with B, S ≥ 1, got {shape}.", e.Message);
        }
        Decode(decoder, model, torch.ones(1, 1, dtype: ScalarType.Int64));                        // one sentence of one token is fine
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void LogProbsThatAreNotFloatsOrHaveNoVocabularyAreNamed(string decoder)
    {
        using var scope = torch.NewDisposeScope();
        var src = Sources.Make([0]);
        var integers = Assert.Throws<InvalidOperationException>(() => Decode(decoder, new Fixed(rows => torch.zeros(rows, 5, dtype: ScalarType.Int64)), src));
        Assert.Equal("Fixed.Step returned Int64 log-probs; expected a floating-point tensor.", integers.Message);
        var empty = Assert.Throws<InvalidOperationException>(() => Decode(decoder, new Fixed(rows => torch.zeros(rows, 0L)), src));
        int rows = decoder == "beam" ? 2 : 1;                                                        // beam: B·K rows
        Assert.Equal($"Fixed.Step returned log-probs of shape [{rows}, 0]; expected [{rows}, V].", empty.Message);
    }

    [Fact]
    public void NaNLogProbsStopBeamAndExactSearchWithTheStep()
    {
        using var scope = torch.NewDisposeScope();
        var nan = new Fixed(rows => torch.full(rows, 5, float.NaN));
        var beam = Assert.Throws<InvalidOperationException>(() => Decode("beam", nan, Sources.Make([0])));
        Assert.Equal("beam search: the model's log-probs contain NaN at step 1.", beam.Message);
        var exact = Assert.Throws<InvalidOperationException>(() => Decode("exact", nan, Sources.Make([0])));
        Assert.Equal("ExactSearch: the model's log-probs contain NaN (sentence 0).", exact.Message);
    }

    [Fact]
    public void ExactSearchRefusesScoresAboveZeroAndModelsThatAllowNothing()
    {
        // Pruning is only sound for log-probabilities ≤ 0; raw logits would silently prune the answer away.
        using var scope = torch.NewDisposeScope();
        var logits = new Fixed(rows => torch.tensor(new[] { 0f, 0f, 0.5f, 0.25f, -1f }).expand(rows, 5));
        var above = Assert.Throws<InvalidOperationException>(() => Decode("exact", logits, Sources.Make([0])));
        Assert.Equal("ExactSearch: Fixed.Step returned a log-probability above 0 (0.5); pruning needs true log-probabilities.", above.Message);
        // A tiny positive rounding residue of a real log_softmax is tolerated.
        var residue = new Fixed(rows => torch.tensor(new[] { float.NegativeInfinity, float.NegativeInfinity, 5e-5f, -20f, -20f }).expand(rows, 5));
        Assert.Empty(ExactSearch.Decode(residue, Sources.Make([0]), new DecodeOptions(4))[0].Tokens);

        var nothing = new Fixed(rows => torch.full(rows, 5, float.NegativeInfinity));
        var zero = Assert.Throws<InvalidOperationException>(() => ExactSearch.Decode(nothing, Sources.Make([0, 0]), new DecodeOptions(4)));
        Assert.Equal("ExactSearch: the model gave every output of sentence 0 probability 0.", zero.Message);
        Assert.All(BeamSearch.Decode(nothing, Sources.Make([0, 0]), new BeamOptions(3), new DecodeOptions(4)), n => Assert.Empty(n));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactSearch.Decode(residue, Sources.Make([0]), null, maxExpansions: 0));
        Assert.Single(ExactSearch.Search(residue, Sources.Make([0]), null, maxExpansions: 1));
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void NullArgumentsAreNamed(string decoder)
    {
        using var scope = torch.NewDisposeScope();
        var model = new Fixed(rows => torch.zeros(rows, 5).log_softmax(1));
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => Decode(decoder, null!, Sources.Make([0]))).ParamName);
        Assert.Equal("srcIds", Assert.Throws<ArgumentNullException>(() => Decode(decoder, model, null!)).ParamName);
    }

    [Fact]
    public void SettingsPassedToADecoderAreValidatedThere()
    {
        using var scope = torch.NewDisposeScope();
        var model = new Fixed(rows => torch.zeros(rows, 5).log_softmax(1));
        var src = Sources.Make([0]);
        Assert.Equal("beam", Assert.Throws<ArgumentNullException>(() => BeamSearch.Decode(model, src, null!)).ParamName);
        Assert.StartsWith("BeamOptions.BeamSize must be ≥ 1", Assert.Throws<ArgumentException>(() => BeamSearch.Decode(model, src, new BeamOptions(0, NBest: 0))).Message);
        Assert.Equal("sampling", Assert.Throws<ArgumentNullException>(() => Sampling.Decode(model, src, null!)).ParamName);
        Assert.StartsWith("SamplingOptions.Temperature must be", Assert.Throws<ArgumentException>(() => Sampling.Decode(model, src, new SamplingOptions(-1))).Message);
        Assert.StartsWith("DecodeOptions.MaxLength must be ≥ 1", Assert.Throws<ArgumentException>(() => ExactSearch.Decode(model, src, new DecodeOptions(0))).Message);
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void AVocabularyOfOneTokenIsAllowed(string decoder)
    {
        // log p = 0 for token 0, the only one: never EOS, so every decoder runs to the limit of 4 steps.
        using var scope = torch.NewDisposeScope();
        var one = new Fixed(rows => torch.zeros(rows, 1));
        Decode(decoder, one, Sources.Make([0]));
        var greedy = GreedySearch.Decode(one, Sources.Make([0]), new DecodeOptions(4))[0];
        Assert.Equal([0, 0, 0, 0], greedy.Tokens);
        Assert.False(greedy.EndedWithEos);
    }

    [Fact]
    public void ExactSearchFindsOneNaNAmongNumbersAndAcceptsItsOwnTolerance()
    {
        using var scope = torch.NewDisposeScope();
        var oneNaN = new Fixed(rows => torch.tensor(new[] { float.NegativeInfinity, float.NegativeInfinity, -0.5f, float.NaN, -1f }).expand(rows, 5));
        Assert.Equal("ExactSearch: the model's log-probs contain NaN (sentence 0).",
            Assert.Throws<InvalidOperationException>(() => ExactSearch.Decode(oneNaN, Sources.Make([0]), new DecodeOptions(4))).Message);
        var atTolerance = new Fixed(rows => torch.tensor(new[] { float.NegativeInfinity, float.NegativeInfinity, 1e-4f, -20f, -20f }).expand(rows, 5));
        Assert.Empty(ExactSearch.Decode(atTolerance, Sources.Make([0]), new DecodeOptions(4))[0].Tokens);   // exactly 1e-4 passes
    }

    [Fact]
    public void NucleusOfOneKeepsEveryTokenTheModelAllows()
    {
        // TopP = 1 is "no limit": even a token whose preceding mass rounds to 1.0 in float32 keeps its probability.
        using var scope = torch.NewDisposeScope();
        var logProbs = torch.tensor(new[] { (float)Math.Log(1 - 1e-8), (float)Math.Log(1e-8) }).unsqueeze(0);   // [1, 2]
        var adjusted = Sampling.AdjustLogProbs(logProbs, new SamplingOptions(TopP: 1.0))[0];
        Assert.True(float.IsFinite(adjusted[1].item<float>()), $"the 1e-8 token was cut: {adjusted[1].item<float>()}");
    }

    /// <summary>Returns <c>make(rows)</c> at every step, whatever the input; no state.</summary>
    private sealed class Fixed(Func<long, Tensor> make) : IStepDecoder
    {
        public IDecoderState Start(Tensor srcIds) => new None();
        public (Tensor LogProbs, IDecoderState State) Step(Tensor lastTokens, IDecoderState state) => (make(lastTokens.shape[0]), state);
        private sealed class None : IDecoderState
        {
            public IDecoderState Select(Tensor index) => this;
            public IEnumerable<Tensor> Tensors => [];
        }
    }
}
