using Seq2Seq.Transformer;
using TorchSharp;
using static TorchSharp.torch;
using static Seq2Seq.Tests.Transformer.TransformerModelTests;

namespace Seq2Seq.Tests.Transformer;

/// <summary>The logits are the decoder states times the output matrix: the target embedding Eᵀ when tied (§3.4),
/// the generator's own W and b when not. Either model gives logits of the right shape with the other matrix, so
/// only the values tell a model that projects through the wrong one.</summary>
[Collection("Sequential")]
public sealed class OutputProjectionTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LogitsAreTheDecoderStatesTimesTheOutputMatrix(bool tie)
    {
        torch.manual_seed(61);
        using var model = new TransformerModel(TransformerConfig.Tiny.WithVocab(13, 11) with { TieOutput = tie });
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var (src, tgt) = (RandomIds(2, 5, 13), RandomIds(2, 4, 11));
        var states = model.DecoderStates(src, tgt);                                                 // [B, T, D]
        var p = model.state_dict();
        var expected = tie
            ? states.matmul(p["tgt_embed.embedding.weight"].t())                                     // [B, T, V]
            : states.matmul(p["generator.weight"].t()) + p["generator.bias"];
        var logits = model.Logits(src, tgt);
        Assert.Equal(new long[] { 2, 4, 11 }, logits.shape);
        Assert.True(expected.allclose(logits, rtol: 1e-5, atol: 1e-5), $"tie {tie}: max |Δ| = {(expected - logits).abs().max().item<float>()}");
    }
}
