using Seq2Seq.Layers;
using Seq2Seq.Transformer;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Layers;

[Collection("Sequential")]
public sealed class NoPositionalEncodingTests
{
    [Fact]
    public void PassesEmbeddingsThroughWithoutState()
    {
        using var none = new NoPositionalEncoding(20);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(2, 6, 8);
        Assert.True(none.forward(x, 0).equal(x).all().item<bool>());
        Assert.True(none.forward(x.narrow(1, 4, 2), 4).equal(x.narrow(1, 4, 2)).all().item<bool>());
        Assert.Empty(none.state_dict());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => none.forward(x, 15));
        Assert.Contains("MaxLength", e.Message);
    }

    [Fact]
    public void WithoutPositionsTheEncoderIsPermutationEquivariant()
    {
        torch.manual_seed(3);
        var config = TransformerConfig.Tiny.WithVocab(12, 12);
        using var none = new TransformerModel(config with { Positions = PositionalEncodingKind.None });
        torch.manual_seed(3);
        using var sinusoidal = new TransformerModel(config);
        Assert.Equal(sinusoidal.ParameterCount, none.ParameterCount);          // neither kind has trained positions
        none.eval();
        sinusoidal.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var src = torch.tensor(new long[,] { { 4, 5, 6, 7, 8, 9 } });             // [1, S]
        var perm = torch.tensor(new long[] { 3, 0, 5, 1, 4, 2 });
        var permuted = src.index_select(1, perm);
        double Gap(TransformerModel m) => (m.Encode(src).Memory.index_select(1, perm) - m.Encode(permuted).Memory)
            .abs().max().item<float>();
        Assert.True(Gap(none) < 1e-5, $"no positions: memory changed by {Gap(none)} under a permutation");
        Assert.True(Gap(sinusoidal) > 1e-2, $"sinusoidal: memory only changed by {Gap(sinusoidal)}");
    }
}
