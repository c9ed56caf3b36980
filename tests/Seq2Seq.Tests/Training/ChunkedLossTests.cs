using Seq2Seq.Training;
using Seq2Seq.Transformer;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Training;

/// <summary>The chunked output projection + loss is the unchunked computation rearranged: same value, same
/// gradient for every parameter, whatever the chunk size and whether the output layer is tied or not.</summary>
[Collection("Sequential")]
public sealed class ChunkedLossTests
{
    private const int Vocab = 23;

    private static TransformerModel Model(bool tieOutput)
    {
        torch.manual_seed(5);
        return new TransformerModel(TransformerConfig.Tiny.WithVocab(Vocab, Vocab) with { ShareEmbeddings = true, TieOutput = tieOutput });
    }

    // [3, 6] / [3, 7] with padding at the tails: 12 of 21 target positions are real.
    private static (Tensor Src, Tensor TgtIn, Tensor TgtOut) Batch()
    {
        var src = torch.tensor(new long[,] { { 5, 6, 7, 8, 9, 2 }, { 10, 11, 2, 0, 0, 0 }, { 12, 13, 14, 2, 0, 0 } });
        var tgtIn = torch.tensor(new long[,] { { 1, 15, 16, 17, 18, 0, 0 }, { 1, 19, 20, 0, 0, 0, 0 }, { 1, 21, 22, 4, 0, 0, 0 } });
        var tgtOut = torch.tensor(new long[,] { { 15, 16, 17, 18, 2, 0, 0 }, { 19, 20, 2, 0, 0, 0, 0 }, { 21, 22, 4, 2, 0, 0, 0 } });
        return (src, tgtIn, tgtOut);
    }

    private static Dictionary<string, Tensor> Gradients(nn.Module model) =>
        model.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.detach().clone());

    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 4)]
    [InlineData(true, 1000)]
    [InlineData(false, 3)]
    public void ValueAndEveryGradientEqualTheUnchunkedLoss(bool tieOutput, int chunk)
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(tieOutput);
        model.eval();                                                          // no dropout: both passes see the same net
        var (src, tgtIn, tgtOut) = Batch();
        using var criterion = new LabelSmoothingLoss(0.1);

        var whole = criterion.forward(model.Logits(src, tgtIn), tgtOut);
        whole.backward();
        var expected = Gradients(model);
        model.zero_grad();

        float chunked = new ChunkedLoss(criterion, chunk).Backward(model, src, tgtIn, tgtOut);
        Assert.Equal(whole.item<float>(), chunked, 5);
        var actual = Gradients(model);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, grad) in expected)
        {
            Assert.True(grad.abs().max().item<float>() > 0 || name.Contains("pos"), $"'{name}' got no gradient at all: the test would prove nothing");
            Assert.True(actual[name].allclose(grad, rtol: 1e-4, atol: 1e-6), $"gradient of '{name}' differs: max |Δ| = {(actual[name] - grad).abs().max().item<float>():G3}");
        }
    }

    [Fact]
    public void EvaluationSumsEqualTheUnchunkedSumsForSeveralCriteria()
    {
        using var scope = torch.NewDisposeScope();
        using var model = Model(tieOutput: true);
        model.eval();
        var (src, tgtIn, tgtOut) = Batch();
        using var smoothed = new LabelSmoothingLoss(0.1);
        using var plain = new LabelSmoothingLoss(0);
        using var noGrad = torch.no_grad();
        var logits = model.Logits(src, tgtIn);
        var (sums, count) = new ChunkedLoss(smoothed, 2).Sums(model, src, tgtIn, tgtOut, smoothed, plain);
        Assert.Equal(12, count);
        Assert.Equal(smoothed.SumAndCount(logits, tgtOut).Sum.item<float>(), sums[0], 4);
        Assert.Equal(plain.SumAndCount(logits, tgtOut).Sum.item<float>(), sums[1], 4);
        Assert.True(sums[0] > sums[1] * 0.5 && sums[1] > 0);
    }

    [Fact]
    public void TrainerWithChunksTakesTheSameStepsAsWithout()
    {
        using var scope = torch.NewDisposeScope();
        var batches = TinySeq2Seq.SortBatches(3, 4, Vocab, 5, seed: 4);
        var options = new TrainerOptions(WarmupSchedule.Constant(1e-3), MaxEpochs: 1);
        using var plain = Model(tieOutput: true);
        using var chunked = Model(tieOutput: true);
        var initial = plain.state_dict()["src_embed.embedding.weight"].clone();     // Tiny has dropout 0: both runs are deterministic
        using (var a = new Trainer(plain, options)) a.Fit(batches);
        using (var b = new Trainer(chunked, options with { LossChunkTokens = 3 })) b.Fit(batches);
        var (pa, pb) = (plain.state_dict(), chunked.state_dict());
        // The key projection's bias has an exactly zero gradient (adding a constant to every key of a query shifts all its
        // scores alike, and softmax ignores that); Adam divides the float rounding noise left there by its own square
        // root and takes ±lr steps of random sign, so that entry is compared by the forward pass below instead.
        foreach (var key in pa.Keys.Where(k => !k.EndsWith("w_k.bias", StringComparison.Ordinal)))
            Assert.True(pa[key].allclose(pb[key], rtol: 1e-4, atol: 1e-6), $"'{key}' differs after 3 steps");
        Assert.False(pa["src_embed.embedding.weight"].allclose(initial), "training changed nothing: the comparison would prove nothing");
        var (src, tgtIn, _) = batches[0].ToTensors(torch.CPU);
        plain.eval(); chunked.eval();
        Assert.True(plain.Logits(src, tgtIn).allclose(chunked.Logits(src, tgtIn), rtol: 1e-4, atol: 1e-5), "the two trained models translate differently");
    }

    [Fact]
    public void RejectsAModelWithoutASeparateProjection()
    {
        using var model = new TinySeq2Seq(10, 8, 0);
        var e = Assert.Throws<ArgumentException>(() => new Trainer(model, new TrainerOptions(MaxSteps: 1, LossChunkTokens: 64)));
        Assert.Contains(nameof(IProjectedOutput), e.Message);
    }
}
