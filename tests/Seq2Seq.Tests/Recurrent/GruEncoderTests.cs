using Seq2Seq.Recurrent;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Recurrent;

[Collection("Sequential")]
public sealed class GruEncoderTests
{
    // Row 0 is full; row 1 is the same sentence as row 0's prefix, padded.
    private static Tensor Batch() => tensor(new long[,] { { 5, 6, 7, 8, 2 }, { 5, 6, 2, 0, 0 } });

    private static GruEncoder Encoder()
    {
        manual_seed(0);
        return new GruEncoder(vocabSize: 10, embeddingDim: 4, hiddenSize: 6, decoderHidden: 8);
    }

    [Fact]
    public void ShapesAndZeroOutputsAtPadding()
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoder();
        var (outputs, final) = encoder.forward(Batch());
        Assert.Equal(new long[] { 2, 5, 6 }, outputs.shape);
        Assert.Equal(new long[] { 2, 8 }, final.shape);
        Assert.Equal(0f, outputs[1, 3..].abs().max().item<float>());
    }

    [Fact]
    public void APaddedRowEncodesExactlyLikeTheSentenceAlone()
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoder();
        var (outputs, final) = encoder.forward(Batch());
        var (aloneOut, aloneFinal) = encoder.forward(tensor(new long[,] { { 5, 6, 2 } }));
        Assert.True(outputs[1, ..3].allclose(aloneOut[0], atol: 1e-6), "outputs differ");
        // The final state holds the backward direction at the first token, which only packing keeps pad-free.
        Assert.True(final[1].allclose(aloneFinal[0], atol: 1e-6), "final state differs");
        // Nor does the row order (packing sorts by length internally and must restore the order of the final states).
        var (_, swappedFinal) = encoder.forward(tensor(new long[,] { { 5, 6, 2, 0, 0 }, { 5, 6, 7, 8, 2 } }));
        Assert.True(swappedFinal[0].allclose(aloneFinal[0], atol: 1e-6) && swappedFinal[1].allclose(final[0], atol: 1e-6));
        // Extra padding columns change nothing either.
        var (wideOut, wideFinal) = encoder.forward(tensor(new long[,] { { 5, 6, 2, 0, 0, 0, 0 } }));
        Assert.True(wideFinal[0].allclose(aloneFinal[0], atol: 1e-6) && wideOut[0, ..3].allclose(aloneOut[0], atol: 1e-6));
    }

    [Fact]
    public void ThePadEmbeddingNeverReachesTheOutputs()
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoder();
        var (outputs, final) = encoder.forward(Batch());
        var embedding = encoder.named_parameters().First(p => p.name == "embedding.weight").parameter;
        using (no_grad()) embedding[0].copy_(randn(4) * 100);                  // a zero pad vector would hide a leak
        var (outputs2, final2) = encoder.forward(Batch());
        Assert.True(outputs2.eq(outputs).all().item<bool>());
        Assert.True(final2.eq(final).all().item<bool>());
    }

    [Fact]
    public void MalformedRowsAreRejectedWithTheirProblem()
    {
        using var scope = NewDisposeScope();
        using var encoder = Encoder();
        var empty = Assert.Throws<ArgumentException>(() => encoder.forward(tensor(new long[,] { { 5, 2 }, { 0, 0 } })));
        Assert.Contains("row 1", empty.Message);
        var inside = Assert.Throws<ArgumentException>(() => encoder.forward(tensor(new long[,] { { 5, 0, 6, 2 } })));
        Assert.Contains("padding must come after", inside.Message);
        Assert.Throws<ArgumentException>(() => encoder.forward(tensor(new float[,] { { 5, 2 } })));
    }
}
