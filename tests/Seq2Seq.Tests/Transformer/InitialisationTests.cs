using Seq2Seq.Transformer;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Transformer;

/// <summary>The starting weights: Xavier-uniform for every matrix of the encoder, the decoder and an untied output
/// layer (U(−a, a), a = √(6 / (fan_in + fan_out)), as PyTorch's nn.Transformer and the annotated Transformer do), and
/// N(0, 1/D) for the embeddings. libtorch's default for a Linear, U(±1/√fan_in), is narrower for every matrix here,
/// so a model that skipped the initialisation shows up as a largest |w| well inside the Xavier bound.</summary>
[Collection("Sequential")]
public sealed class InitialisationTests
{
    [Fact]
    public void MatricesAreXavierUniformAndEmbeddingsNormal()
    {
        torch.manual_seed(41);
        var config = TransformerConfig.Tiny.WithVocab(13, 11) with { TieOutput = false };
        using var model = new TransformerModel(config);
        using var scope = torch.NewDisposeScope();
        int matrices = 0;
        foreach (var (name, p) in model.named_parameters())
        {
            if (name.EndsWith("embedding.weight", StringComparison.Ordinal))
            {
                var rows = p.narrow(0, 1, p.shape[0] - 1);                                            // the pad row is zero
                Assert.InRange(rows.std().item<float>(), 0.8 / Math.Sqrt(config.DModel), 1.2 / Math.Sqrt(config.DModel));
                continue;
            }
            if (p.dim() != 2) continue;
            Assert.Matches(@"^(encoder|decoder|generator)\.", name);
            double bound = Math.Sqrt(6.0 / (p.shape[0] + p.shape[1]));
            double largest = p.abs().max().item<float>();
            Assert.True(largest <= bound && largest > 0.9 * bound, $"{name} [{p.shape[0]}, {p.shape[1]}]: max |w| = {largest:F4}, Xavier bound {bound:F4}");
            matrices++;
        }
        // Per layer: encoder 4 attention + 2 feed-forward matrices, decoder 8 + 2; plus the output layer.
        Assert.Equal(config.EncoderLayers * 6 + config.DecoderLayers * 10 + 1, matrices);
    }
}
