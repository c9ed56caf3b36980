using Seq2Seq.Layers;
using Seq2Seq.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Layers;

[Collection("Sequential")]
public sealed class TokenEmbeddingTests
{
    [Fact]
    public void LooksUpRowsScaledBySqrtDAndPadIsZero()
    {
        torch.manual_seed(0);
        using var embedding = new TokenEmbedding(10, 16);
        using var scope = torch.NewDisposeScope();
        var ids = torch.tensor(new long[,] { { 4, 7, SpecialTokens.Pad } });
        var output = embedding.forward(ids);                                                      // [1, 3, 16]
        Assert.Equal(new long[] { 1, 3, 16 }, output.shape);
        Assert.True(output[0, 1].allclose(embedding.Weight[7] * 4.0, atol: 1e-6));               // √16 = 4
        Assert.Equal(0f, output[0, 2].abs().sum().item<float>());
        // N(0, 1/D) initialisation: the scaled embedding has roughly unit variance.
        var variance = (embedding.Weight.narrow(0, 1, 9) * 4.0).var().item<float>();
        Assert.InRange(variance, 0.7f, 1.3f);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenEmbedding(4, 16));
    }
}
