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
}
