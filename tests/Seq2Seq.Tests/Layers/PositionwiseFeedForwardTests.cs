using Seq2Seq.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Layers;

[Collection("Sequential")]
public sealed class PositionwiseFeedForwardTests
{
    [Fact]
    public void ComputesReluMlpPerPosition()
    {
        torch.manual_seed(0);
        using var ffn = new PositionwiseFeedForward(8, 32);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(2, 5, 8);
        var output = ffn.forward(x);
        Assert.Equal(new long[] { 2, 5, 8 }, output.shape);
        var p = ffn.state_dict();
        var expected = x.matmul(p["w_1.weight"].t()).add(p["w_1.bias"]).relu().matmul(p["w_2.weight"].t()).add(p["w_2.bias"]);
        Assert.True(output.allclose(expected, atol: 1e-5));
        // Position-wise: one position alone gives the same result.
        Assert.True(output.narrow(1, 3, 1).allclose(ffn.forward(x.narrow(1, 3, 1)), atol: 1e-6));
    }
}
