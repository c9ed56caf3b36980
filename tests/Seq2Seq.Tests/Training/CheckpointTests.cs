using Seq2Seq.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Training;

[Collection("Sequential")]
public sealed class CheckpointTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("ckpt-test-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static (TinySeq2Seq Model, optim.Optimizer Adam) Trained(int seed, long hidden = 8, int steps = 3)
    {
        torch.manual_seed(seed);
        var model = new TinySeq2Seq(10, hidden);
        var adam = optim.Adam(model.parameters(), lr: 0.01);
        foreach (var batch in TinySeq2Seq.SortBatches(steps, 4, 10, 4, seed))
        {
            using var scope = torch.NewDisposeScope();
            adam.zero_grad();
            var (s, i, o) = batch.ToTensors(CPU);
            nn.functional.cross_entropy(model.Logits(s, i).reshape(-1, 10), o.reshape(-1)).backward();
            adam.step();
        }
        return (model, adam);
    }

    /// <summary>Same shape and bitwise-equal values.</summary>
    internal static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    internal static void AssertSameWeights(nn.Module a, nn.Module b)
    {
        var (sa, sb) = (a.state_dict(), b.state_dict());
        Assert.Equal(sa.Keys.Order(), sb.Keys.Order());
        foreach (var key in sa.Keys) Assert.True(Same(sa[key], sb[key]), $"'{key}' differs");
    }

    [Fact]
    public void RoundTripRestoresWeightsOptimizerRngAndState()
    {
        var path = Path.Combine(dir, "a.ckpt");
        var (model, adam) = Trained(1);
        var state = new TrainingState(3, 1, 2, 99, BestScore: 1.5, BestStep: 2);
        var history = new TrainingHistory();
        history.Train.Add(new(3, 1, 2.5, 1e-3));
        torch.manual_seed(77);
        Checkpoint.Save(path, model, adam, state, "{\"Hidden\":8}", history);
        var expectedDraw = torch.rand(5);                      // what the RNG produces right after the save

        var (fresh, freshAdam) = Trained(2);                   // different weights and moments
        var ckpt = Checkpoint.Read(path);
        ckpt.LoadModel(fresh);
        ckpt.LoadOptimizer(freshAdam);
        ckpt.RestoreRng();
        AssertSameWeights(model, fresh);
        Assert.True(Same(expectedDraw, torch.rand(5)), "RNG state was not restored");
        Assert.Equal(state, ckpt.Metadata.State);
        Assert.Equal(2.5, Assert.Single(ckpt.Metadata.History.Train).Loss);
        Assert.Equal("{\"Hidden\":8}", ckpt.Metadata.ConfigJson);
        Assert.Equal(nameof(optim.Adam), ckpt.Metadata.OptimizerType);

        // Same optimizer state: one more identical step gives identical weights.
        var batch = TinySeq2Seq.SortBatches(1, 4, 10, 4, 5)[0];
        foreach (var (m, o) in new[] { (model, adam), (fresh, freshAdam) })
        {
            using var scope = torch.NewDisposeScope();
            m.eval();
            o.zero_grad();
            var (s, i, t) = batch.ToTensors(CPU);
            nn.functional.cross_entropy(m.Logits(s, i).reshape(-1, 10), t.reshape(-1)).backward();
            o.step();
        }
        AssertSameWeights(model, fresh);
    }

    [Fact]
    public void TruncatedFileIsReportedWithItsPath()
    {
        var path = Path.Combine(dir, "t.ckpt");
        var (model, adam) = Trained(1);
        Checkpoint.Save(path, model, adam, TrainingState.Start(1), "{}");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        File.WriteAllBytes(path, bytes[..10]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => Checkpoint.Read(path)).Message);
    }

    [Fact]
    public void FlippedByteFailsTheChecksum()
    {
        var path = Path.Combine(dir, "c.ckpt");
        var (model, adam) = Trained(1);
        Checkpoint.Save(path, model, adam, TrainingState.Start(1), "{}");
        var bytes = File.ReadAllBytes(path);
        bytes[^100] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("checksum", e.Message);
    }

    [Fact]
    public void OtherFilesAndVersionsAreRejected()
    {
        var path = Path.Combine(dir, "x.ckpt");
        File.WriteAllText(path, new string('x', 200));
        Assert.Contains("not a Seq2Seq checkpoint", Assert.Throws<InvalidDataException>(() => Checkpoint.Read(path)).Message);
        var (model, adam) = Trained(1);
        Checkpoint.Save(path, model, adam, TrainingState.Start(1), "{}");
        var bytes = File.ReadAllBytes(path);
        bytes[8] = 99;                                                         // format version field
        File.WriteAllBytes(path, bytes);
        Assert.Contains("format version 99", Assert.Throws<InvalidDataException>(() => Checkpoint.Read(path)).Message);
        Assert.Contains(Path.Combine(dir, "missing.ckpt"), Assert.Throws<FileNotFoundException>(() => Checkpoint.Read(Path.Combine(dir, "missing.ckpt"))).Message);
    }

    [Fact]
    public void CheckpointOfAnotherConfigurationNamesTheEntryAndConfigs()
    {
        var path = Path.Combine(dir, "small.ckpt");
        var (small, adam) = Trained(1, hidden: 8);
        Checkpoint.Save(path, small, adam, TrainingState.Start(1), "{\"Hidden\":8}");
        using var wide = new TinySeq2Seq(10, 16);
        var before = wide.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.Read(path).LoadModel(wide));
        Assert.Contains(path, e.Message);
        Assert.Contains("[10, 8]", e.Message);
        Assert.Contains("[10, 16]", e.Message);
        Assert.Contains("{\"Hidden\":8}", e.Message);
        foreach (var (k, v) in wide.state_dict()) Assert.True(Same(v, before[k]), $"'{k}' was modified by a failed load");
        var opt = optim.Adam(wide.parameters());
        Assert.Contains("optimizer state", Assert.Throws<InvalidDataException>(() => Checkpoint.Read(path).LoadOptimizer(opt)).Message);
    }

    [Fact]
    public void FailedSaveLeavesThePreviousCheckpointIntactAndNoTempFiles()
    {
        var path = Path.Combine(dir, "latest.ckpt");
        var (model, adam) = Trained(1);
        Checkpoint.Save(path, model, adam, new TrainingState(3, 0, 3, 1), "{}");
        var good = File.ReadAllBytes(path);
        var (other, otherAdam) = Trained(2);
        var e = Assert.Throws<IOException>(() => Checkpoint.Save(path, other, otherAdam, new TrainingState(9, 0, 9, 1), "{}",
            null, wrap: s => new FailingStream(s, failAfter: good.Length / 2)));
        Assert.Contains("disk full", e.Message);
        Assert.Equal(good, File.ReadAllBytes(path));
        Assert.Equal(3, Checkpoint.Read(path).Metadata.State.Step);
        Assert.Single(Directory.GetFiles(dir));                                   // the temp file was removed
    }

    [Fact]
    public void StoreKeepsLatestBestConfigAndIndex()
    {
        var store = new CheckpointStore(dir);
        var (model, adam) = Trained(1);
        store.Save(model, adam, new TrainingState(10, 0, 10, 1, 2.0, 10), "{\"a\":1}", new TrainingHistory(), isBest: true, "BLEU");
        store.Save(model, adam, new TrainingState(20, 1, 0, 1, 2.0, 10, 1), "{\"a\":1}", new TrainingHistory(), isBest: false);
        var index = store.ReadIndex()!;
        Assert.Equal(20, index.Latest!.Step);
        Assert.Equal(10, index.Best!.Step);
        Assert.Equal("BLEU", index.MetricName);
        Assert.Equal(10, Checkpoint.Read(store.BestPath).Metadata.State.Step);
        Assert.Equal(20, Checkpoint.Read(store.LatestPath).Metadata.State.Step);
        Assert.Equal("{\"a\":1}", File.ReadAllText(Path.Combine(dir, CheckpointStore.ConfigFile)));
        Assert.Equal(store.BestPath, store.PathForInference());
        Assert.Contains(Path.Combine(dir, "none"), Assert.Throws<FileNotFoundException>(() => new CheckpointStore(Path.Combine(dir, "none")).PathForInference()).Message);
    }

    /// <summary>Passes writes through until <c>failAfter</c> bytes, then throws like a full disk.</summary>
    private sealed class FailingStream(Stream inner, long failAfter) : Stream
    {
        private long written;
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (written + count > failAfter) throw new IOException("disk full (simulated)");
            inner.Write(buffer, offset, count);
            written += count;
        }
        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => written;
        public override long Position { get => written; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Fact]
    public void InferenceUsesBestThenFallsBackToLatest()
    {
        var store = new CheckpointStore(dir);
        var missing = Assert.Throws<FileNotFoundException>(() => store.PathForInference());
        Assert.Contains(dir, missing.Message);
        File.WriteAllText(store.LatestPath, "");
        Assert.Equal(store.LatestPath, store.PathForInference());           // no best.ckpt yet (e.g. stopped before any evaluation)
        File.WriteAllText(store.BestPath, "");
        Assert.Equal(store.BestPath, store.PathForInference());
    }
}
