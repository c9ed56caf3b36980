using Seq2Seq.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Runtime;

[Collection("Sequential")]
public sealed class TorchSmokeTests
{
    [Fact]
    public void MatrixProductHasKnownValue()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3, 4 }, 2, 2);
        var b = torch.tensor(new float[] { 5, 6, 7, 8 }, 2, 2);
        var c = a.matmul(b);
        Assert.Equal(new long[] { 2, 2 }, c.shape);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c.data<float>().ToArray());
        Assert.Equal(6f, torch.ones(2, 3).sum().item<float>());
    }

    [Fact]
    public void TinyModelLossDecreases()
    {
        torch.manual_seed(0);
        using var model = torch.nn.Sequential(
            ("fc1", torch.nn.Linear(4, 16)), ("act", torch.nn.Tanh()), ("fc2", torch.nn.Linear(16, 1)));
        using var optimizer = torch.optim.Adam(model.parameters(), lr: 0.05);
        using var inputs = torch.randn(64, 4);
        using var targets = inputs.sum(1, keepdim: true);   // learn y = x1 + x2 + x3 + x4

        var losses = new List<float>();
        for (int step = 0; step < 50; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = torch.nn.functional.mse_loss(model.forward(inputs), targets);
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }
        Assert.True(losses[^1] < losses[0] * 0.1, $"loss went from {losses[0]} to {losses[^1]}");
    }

    [Fact]
    public void LiveTensorCountIsFlatAcrossATrainingLoop()
    {
        torch.manual_seed(0);
        using var model = torch.nn.Linear(8, 8);
        using var optimizer = torch.optim.SGD(model.parameters(), 0.01);
        void Step()
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var x = torch.randn(16, 8);
            var loss = model.forward(x).pow(2).mean();
            loss.backward();
            optimizer.step();
        }
        Step();   // the first step creates optimizer state and gradients, which live on
        var stats = DisposeScopeManager.Statistics;
        stats.Reset();
        long before = stats.ThreadTotalLiveCount;
        for (int i = 0; i < 200; i++) Step();
        long after = stats.ThreadTotalLiveCount;
        Assert.True(after - before <= 0, $"live tensors grew from {before} to {after} over 200 steps");

        // The meter itself works: a loop that keeps its tensors does show up.
        var kept = new List<Tensor>();
        for (int i = 0; i < 10; i++) kept.Add(torch.randn(2));
        Assert.True(stats.ThreadTotalLiveCount - after >= 10, "the live-tensor meter did not see 10 new tensors");
        kept.ForEach(t => t.Dispose());
    }

    [Fact]
    public void DeviceSelectionHonoursTheOverrideAndNamesAnUnusableCuda()
    {
        // Independent of the caller's SEQ2SEQ_DEVICE: the variable is set (and restored) here.
        var old = Environment.GetEnvironmentVariable(Devices.DeviceVariable);
        bool cuda = Devices.CudaAvailable();                                 // the guarded probe answers rather than throws
        try
        {
            Environment.SetEnvironmentVariable(Devices.DeviceVariable, null);
            Assert.Equal(cuda ? DeviceType.CUDA : DeviceType.CPU, Devices.Best().type);
            Environment.SetEnvironmentVariable(Devices.DeviceVariable, " cpu ");
            Assert.Equal(DeviceType.CPU, Devices.Best().type);               // forced, even where CUDA exists
            if (cuda) return;
            // The test projects reference TorchSharp-cpu: no CUDA here, so a CUDA request must fail, naming the variable.
            foreach (var request in new[] { "cuda", "cuda:1" })
            {
                Environment.SetEnvironmentVariable(Devices.DeviceVariable, request);
                var e = Assert.Throws<InvalidOperationException>(() => Devices.Best());
                Assert.Contains($"{Devices.DeviceVariable}={request} asks for CUDA", e.Message);
            }
        }
        finally { Environment.SetEnvironmentVariable(Devices.DeviceVariable, old); }
    }

    [Fact]
    public void ThreadOverrideIsHonoured()
    {
        var old = Environment.GetEnvironmentVariable(Devices.ThreadsVariable);
        int original = torch.get_num_threads();
        try
        {
            Environment.SetEnvironmentVariable(Devices.ThreadsVariable, "1");
            Assert.Equal(1, Devices.ConfigureThreads(fallback: 2));
            Environment.SetEnvironmentVariable(Devices.ThreadsVariable, "zero");
            var e = Assert.Throws<ArgumentException>(() => Devices.ConfigureThreads());
            Assert.Contains(Devices.ThreadsVariable, e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Devices.ThreadsVariable, old);
            torch.set_num_threads(original);
        }
    }
}
