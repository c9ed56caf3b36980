using Seq2Seq.Transformer;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Transformer;

/// <summary>No tensor outlives its loop iteration: training steps and cached/uncached decoding loops leave the
/// live-tensor count flat.</summary>
[Collection("Sequential")]
public sealed class MemoryTests
{
    [Fact]
    public void TrainingAndDecodingLoopsDoNotLeakTensors()
    {
        using var oneThread = new SingleThread();
        torch.manual_seed(10);
        var data = new ToyTask(ToyTask.Reverse, 12, 3, 8, seed: 1);
        using var model = new TransformerModel(TransformerConfig.Tiny.WithVocab(12, 12) with { Dropout = 0.1 });
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        using var src = torch.tensor(data.NextBatch(8).Src);
        void Round()
        {
            model.train();
            ToyTask.TrainStep(model, optimizer, data.NextBatch(16));
            model.eval();
            model.UseKvCache = true;
            ToyTask.GreedyDecode(model, src, 10);
            model.UseKvCache = false;
            ToyTask.GreedyDecode(model, src, 10);
            using var scope = torch.NewDisposeScope();
            model.ForwardWithAttention(src, src);
        }
        Round();                                                  // optimizer state and gradients are created once
        var stats = DisposeScopeManager.Statistics;
        stats.Reset();
        long before = stats.ThreadTotalLiveCount;
        for (int i = 0; i < 10; i++) Round();
        Assert.True(stats.ThreadTotalLiveCount - before <= 0, $"live tensors grew from {before} to {stats.ThreadTotalLiveCount} over 10 rounds");
    }

    /// <summary>Each layer frees its own temporaries (head splits, pre-activations, mask conversions) when it
    /// returns: the caller's scope gains only the layer's outputs, while autograd still has what backward needs.</summary>
    [Fact]
    public void LayersLeaveOnlyTheirOutputsInTheCallersScope()
    {
        using var oneThread = new SingleThread();
        torch.manual_seed(11);
        const int B = 2, S = 5, T = 4, D = 16, H = 4, F = 32;
        using var encoderLayer = new EncoderLayer(D, H, F, 0.1, preNorm: false);
        using var decoderLayer = new DecoderLayer(D, H, F, 0.1, preNorm: false);
        encoderLayer.train();
        decoderLayer.train();
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(B, S, D).requires_grad_(true);
        var y = torch.randn(B, T, D).requires_grad_(true);
        var srcMask = Seq2Seq.Attention.Masks.Padding(torch.tensor(new long[,] { { 5, 5, 5, 0, 0 }, { 5, 5, 5, 5, 5 } }));
        var tgtMask = Seq2Seq.Attention.Masks.Causal(T);
        var stats = DisposeScopeManager.Statistics;

        long before = stats.ThreadTotalLiveCount;
        var (memory, encoderWeights) = encoderLayer.Forward(x, srcMask, needWeights: true);
        Assert.Equal(2, stats.ThreadTotalLiveCount - before);                                    // output + weights
        before = stats.ThreadTotalLiveCount;
        var (output, selfWeights, crossWeights) = decoderLayer.Forward(y, memory, srcMask, tgtMask, needWeights: false);
        Assert.Equal(1, stats.ThreadTotalLiveCount - before);                                    // output only
        Assert.Null(selfWeights);
        Assert.Null(crossWeights);

        output.sum().backward();                                                                  // the graph survived
        Assert.True(x.grad is not null && x.grad.abs().sum().item<float>() > 0);
        Assert.Equal(new long[] { B, H, S, S }, encoderWeights!.shape);
    }
}
