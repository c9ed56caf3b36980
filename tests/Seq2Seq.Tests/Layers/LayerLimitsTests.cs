using Seq2Seq.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Layers;

/// <summary>The edges of each layer's arguments: the last accepted value is accepted, the first refused one is
/// refused with a message naming the module, the argument and the limit (what a student reads when a
/// configuration is off by one). Found by mutation testing (docs/testing.md): every bound here was a `&lt;` that
/// could become `&lt;=` unnoticed.</summary>
[Collection("Sequential")]
public sealed class LayerLimitsTests
{
    public static TheoryData<string> PositionKinds => ["sinusoidal", "learned", "none"];

    private static nn.Module<Tensor, long, Tensor> Positions(string kind, long dModel, long maxLength) => kind switch
    {
        "sinusoidal" => new PositionalEncoding(dModel, maxLength),
        "learned" => new LearnedPositionalEncoding(dModel, maxLength),
        _ => new NoPositionalEncoding(maxLength),
    };

    private static string ModuleName(string kind) => kind switch
    {
        "sinusoidal" => "PositionalEncoding",
        "learned" => "LearnedPositionalEncoding",
        _ => "NoPositionalEncoding",
    };

    [Theory]
    [MemberData(nameof(PositionKinds))]
    public void EveryPositionUpToMaxLengthIsServedAndTheNextIsNamed(string kind)
    {
        using var pe = Positions(kind, 4, 6);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(1, 2, 4);
        Assert.Equal(new long[] { 1, 2, 4 }, pe.forward(x, 4).shape);                            // positions 4..5 of 6: the last two
        Assert.Equal(new long[] { 1, 6, 4 }, pe.forward(torch.randn(1, 6, 4), 0).shape);         // all six
        var past = Assert.Throws<ArgumentOutOfRangeException>(() => pe.forward(x, 5));          // 5..6: one too far
        Assert.Contains($"{ModuleName(kind)}: positions 5..6 exceed maxLength 6; raise TransformerConfig.MaxLength.", past.Message);
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => pe.forward(x, -1));
        Assert.Contains("positions -1..0 exceed maxLength 6", negative.Message);
    }

    [Theory]
    [MemberData(nameof(PositionKinds))]
    public void OnePositionIsTheSmallestTable(string kind)
    {
        using var one = Positions(kind, 4, 1);
        using var scope = torch.NewDisposeScope();
        Assert.Equal(new long[] { 3, 1, 4 }, one.forward(torch.randn(3, 1, 4), 0).shape);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Positions(kind, 4, 0));
        Assert.Equal("maxLength", e.ParamName);
        Assert.Contains($"{ModuleName(kind)}: maxLength must be ≥ 1.", e.Message);
    }

    [Fact]
    public void SinusoidsNeedAnEvenWidth()
    {
        var e = Assert.Throws<ArgumentException>(() => new PositionalEncoding(7, 20));
        Assert.Contains("PositionalEncoding: dModel (7) must be even (sin/cos pairs).", e.Message);
        using var two = new PositionalEncoding(2, 3);                                             // the smallest width
        Assert.Equal(new long[] { 1, 3, 2 }, two.state_dict()["pe"].shape);
    }

    [Fact]
    public void LearnedPositionsStartSmall()
    {
        // N(0, 0.02²) as in GPT-2 / BERT: small next to the unit-variance scaled embeddings. libtorch's default
        // for an Embedding is N(0, 1), which would drown the tokens.
        torch.manual_seed(11);
        using var learned = new LearnedPositionalEncoding(64, 200);
        using var scope = torch.NewDisposeScope();
        var table = learned.parameters().Single();
        double std = table.std().item<float>(), mean = table.mean().item<float>();
        Assert.InRange(std, 0.019, 0.021);
        Assert.InRange(mean, -0.002, 0.002);
    }

    [Fact]
    public void DropoutProbabilityIsAClosedInterval()
    {
        using (var zero = new FastDropout(0.0)) Assert.Equal(0.0, zero.P);
        using (var one = new FastDropout(1.0)) Assert.Equal(1.0, one.P);
        foreach (var p in new[] { -0.01, 1.01, double.NaN })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new FastDropout(p));
            Assert.Equal("p", e.ParamName);
            Assert.Contains("FastDropout: p must be in [0, 1].", e.Message);
        }
    }

    [Fact]
    public void ProbabilityOneInTrainingDropsEverythingThroughTheModule()
    {
        using var all = new FastDropout(1.0);
        using var scope = torch.NewDisposeScope();
        var x = torch.rand(6, 7).add_(0.5);
        Assert.Equal(0f, all.forward(x).abs().sum().item<float>());
        all.eval();
        Assert.True(all.forward(x).eq(x).all().item<bool>());
    }

    [Fact]
    public void EmbeddingVocabularyMustExceedTheSpecialTokens()
    {
        using var smallest = new TokenEmbedding(5, 8);                                            // 4 specials + 1 word
        Assert.Equal(new long[] { 5, 8 }, smallest.Weight.shape);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TokenEmbedding(4, 8));
        Assert.Equal("vocabSize", e.ParamName);
        Assert.Contains("TokenEmbedding: vocabulary must exceed the 4 special tokens.", e.Message);
    }

    [Fact]
    public void FeedForwardDropsItsHiddenActivationsInTrainingOnly()
    {
        // Dropout on the F hidden units: in training the output differs from evaluation, which is the plain
        // ReLU MLP of the state_dict's weights.
        torch.manual_seed(5);
        using var ffn = new PositionwiseFeedForward(4, 16, dropout: 0.5);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(2, 3, 4);
        var trained = ffn.forward(x);
        ffn.eval();
        var evaluated = ffn.forward(x);
        Assert.False(trained.allclose(evaluated, rtol: 1e-4, atol: 1e-5), "dropout changed nothing in training");
        var p = ffn.state_dict();
        var hidden = x.matmul(p["w_1.weight"].t()).add(p["w_1.bias"]).relu();                     // [2, 3, 16]
        Assert.True(evaluated.allclose(hidden.matmul(p["w_2.weight"].t()).add(p["w_2.bias"]), atol: 1e-5));
    }

    [Fact]
    public void ResidualDropoutActsOnTheSublayerBranchOnly()
    {
        // Post-norm: LN(x + dropout(sublayer(x))). With p = 1 the branch is dropped entirely, so the result is LN(x),
        // whatever the sub-layer computes; pre-norm with p = 1 returns x itself.
        torch.manual_seed(6);
        using var post = new ResidualNorm(8, 1.0, preNorm: false);
        using var pre = new ResidualNorm(8, 1.0, preNorm: true);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(2, 3, 8);
        Tensor Loud(Tensor y) => y * 1000 + 7;
        Assert.True(post.forward(x, Loud).allclose(ResidualNormTests.Normalise(x), atol: 1e-5));
        Assert.True(pre.forward(x, Loud).allclose(x, atol: 0, rtol: 0));
    }
}
