using Seq2Seq.Layers;
using Seq2Seq.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Layers;

/// <summary>Each layer registers what it owns, so that an optimizer trains its parameters, a checkpoint saves them,
/// and <c>eval()</c> reaches its dropout. A module that forgot <c>RegisterComponents()</c> computes the same forward
/// pass and fails only here (a mutation run found three such lines no test noticed).</summary>
[Collection("Sequential")]
public sealed class LayerRegistrationTests
{
    [Fact]
    public void TokenEmbeddingOwnsItsMatrix()
    {
        using var embedding = new TokenEmbedding(9, 4);
        Assert.Equal(["embedding.weight"], embedding.state_dict().Keys.ToArray());
        using (torch.no_grad()) embedding.parameters().Single().fill_(0.5f);                         // the registered parameter is Weight
        Assert.Equal(0.5f, embedding.Weight[5, 2].item<float>());
    }

    [Fact]
    public void ResidualNormOwnsItsNormAndPassesEvalToItsDropout()
    {
        using var residual = new ResidualNorm(6, 0.5, preNorm: true);
        Assert.Equal(["norm.weight", "norm.bias"], residual.state_dict().Keys.ToArray());
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(2, 3, 6);
        Tensor Sublayer(Tensor y) => y * 2 + 1;
        residual.eval();
        Assert.True(residual.forward(x, Sublayer).allclose(x + Sublayer(ResidualNormTests.Normalise(x)), atol: 1e-5), "dropout still active after eval()");
    }

    [Fact]
    public void PositionModulesPassEvalToTheirDropout()
    {
        using var none = new NoPositionalEncoding(10, dropout: 0.5);
        using var sinusoidal = new PositionalEncoding(6, 10, dropout: 0.5);
        using var learned = new LearnedPositionalEncoding(6, 10, dropout: 0.5);
        using var scope = torch.NewDisposeScope();
        var x = torch.rand(2, 4, 6).add_(1);
        foreach (var module in new nn.Module<Tensor, long, Tensor>[] { none, sinusoidal, learned })
        {
            var training = module.forward(x, 0);
            Assert.True(training.eq(0).any().item<bool>(), $"{module.GetType().Name}: no element dropped in training");
            module.eval();
            var evaluated = module.forward(x, 0);
            Assert.False(evaluated.eq(0).any().item<bool>(), $"{module.GetType().Name}: dropout still active after eval()");
        }
        Assert.True(none.forward(x, 0).eq(x).all().item<bool>());
    }

    [Fact]
    public void OnTheCpuTheMaskIsDropoutNoisesFromTheSameSeed()
    {
        // FastDropout exists for DropoutNoise's speed; the mask it applies to a float32 CPU tensor is DropoutNoise's,
        // drawn from libtorch's generator (so torch.manual_seed fixes it), not libtorch's own dropout.
        using var scope = torch.NewDisposeScope();
        var x = torch.rand(40, 50).add_(0.5);
        torch.manual_seed(17);
        var expected = x * DropoutNoise.Make(x.shape, 0.3);
        torch.manual_seed(17);
        var actual = FastDropout.Apply(x, 0.3, training: true);
        Assert.True(actual.eq(expected).all().item<bool>(), "FastDropout did not apply DropoutNoise's mask");
    }
}
