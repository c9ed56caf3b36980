using Seq2Seq.Training;
using TorchSharp;

namespace Seq2Seq.Tests.Training;

[Collection("Sequential")]
public sealed class CheckpointAverageTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("average-test-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Saved(int seed, string name)
    {
        torch.manual_seed(seed);
        using var model = new TinySeq2Seq(10, 8, 0);
        var path = Path.Combine(dir, name);
        Checkpoint.Save(path, model, null, TrainingState.Start(1), "{}");
        return path;
    }

    [Fact]
    public void AverageIsTheElementWiseMeanOfTheSavedWeights()
    {
        var paths = new[] { Saved(1, "a.ckpt"), Saved(2, "b.ckpt"), Saved(3, "c.ckpt") };
        var loaded = paths.Select(p => { var m = new TinySeq2Seq(10, 8, 0); Checkpoint.Read(p).LoadModel(m); return m; }).ToList();
        using var averaged = new TinySeq2Seq(10, 8, 0);
        CheckpointAverage.Into(averaged, paths);
        foreach (var (name, value) in averaged.state_dict())
        {
            var mean = (loaded[0].state_dict()[name] + loaded[1].state_dict()[name] + loaded[2].state_dict()[name]) / 3;
            Assert.True(value.allclose(mean, rtol: 1e-6, atol: 1e-7), $"'{name}' is not the mean of the three checkpoints");
            Assert.False(value.allclose(loaded[0].state_dict()[name]) && value.numel() > 1, $"'{name}' equals the first checkpoint: the files did not differ");
        }
        foreach (var m in loaded) m.Dispose();
    }

    [Fact]
    public void OneCheckpointAveragesToItselfAndNoneIsAnError()
    {
        var path = Saved(4, "one.ckpt");
        using var expected = new TinySeq2Seq(10, 8, 0);
        Checkpoint.Read(path).LoadModel(expected);
        using var averaged = new TinySeq2Seq(10, 8, 0);
        CheckpointAverage.Into(averaged, [path]);
        CheckpointTests.AssertSameWeights(expected, averaged);
        Assert.Throws<ArgumentException>(() => CheckpointAverage.Into(averaged, []));
    }

    [Fact]
    public void ACheckpointOfAnotherModelIsRefusedNamingTheFile()
    {
        var path = Saved(5, "small.ckpt");
        using var other = new TinySeq2Seq(10, 16, 0);
        var e = Assert.ThrowsAny<Exception>(() => CheckpointAverage.Into(other, [path]));
        Assert.Contains("small.ckpt", e.Message);
    }
}
