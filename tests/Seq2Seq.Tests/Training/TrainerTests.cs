using Seq2Seq.Data;
using Seq2Seq.Decoding;
using Seq2Seq.Text;
using Seq2Seq.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Training;

[Collection("Sequential")]
public sealed class TrainerTests : IDisposable
{
    private const int Vocab = 10;
    private readonly string dir = Directory.CreateTempSubdirectory("trainer-test-").FullName;
    private readonly int threads = torch.get_num_threads();

    // One libtorch thread: these models are tiny, and on a busy machine waiting OpenMP threads cost ~10x.
    public TrainerTests() => torch.set_num_threads(1);

    public void Dispose()
    {
        torch.set_num_threads(threads);
        Directory.Delete(dir, recursive: true);
    }

    private static TrainerOptions Options(long maxSteps) => new(
        Schedule: WarmupSchedule.LinearInverseSqrt(peak: 1e-2, warmupSteps: 20), MaxEpochs: 0, MaxSteps: maxSteps, LogEvery: 1);

    private static TinySeq2Seq NewModel(int seed, double dropout = 0.1)
    {
        torch.manual_seed(seed);
        return new TinySeq2Seq(Vocab, 24, dropout);
    }

    [Fact]
    public void LearnsTheSortTask()
    {
        var train = TinySeq2Seq.SortBatches(20, 16, Vocab, 4, seed: 1);
        var valid = TinySeq2Seq.SortBatches(4, 16, Vocab, 4, seed: 2);
        using var model = NewModel(0, dropout: 0);
        using var trainer = new Trainer(model, Options(300) with { LabelSmoothing = 0.1, EvalEvery = 100, LogEvery = 50 });
        var before = trainer.Evaluate(valid);
        var summary = trainer.Fit(train, valid);
        Assert.Equal("max steps", summary.StopReason);
        Assert.Equal(300, summary.Steps);
        Assert.Equal(15, trainer.State.Epoch);                              // 300 steps / 20 batches
        Assert.Equal(3, trainer.History.Valid.Count);
        Assert.Equal(6, trainer.History.Train.Count);
        var after = summary.LastEvaluation!;
        Assert.InRange(before.Nll, 2.0, 2.6);                               // ≈ ln 10 at initialisation
        Assert.True(after.Nll < 0.5, $"valid cross-entropy only went from {before.Nll:F3} to {after.Nll:F3}");
        Assert.True(after.Loss > after.Nll, "the label-smoothed loss must exceed the plain cross-entropy of a confident model");

        // Free-running decoding through the Translator: "7 5 9" → "5 7 9" (92% exact when written).
        var vocab = Vocabulary.FromTokens([.. SpecialTokens.All, .. Enumerable.Range(4, Vocab - 4).Select(i => i.ToString())]);
        var sources = valid.SelectMany(b => Enumerable.Range(0, b.Size).Select(r => Row(b.Src, r))).ToList();
        var hyps = new Translator(model, vocab, vocab).Translate(sources);
        var refs = sources.Select(s => string.Join(' ', s.Split(' ').Select(int.Parse).Order())).ToList();
        double exact = hyps.Zip(refs).Count(p => p.First == p.Second) / (double)refs.Count;
        Assert.True(exact > 0.8, $"only {exact:P0} of {refs.Count} validation rows were sorted exactly");
    }

    private static string Row(long[,] ids, int r) =>
        string.Join(' ', Enumerable.Range(0, ids.GetLength(1)).Select(j => ids[r, j]).TakeWhile(id => id != SpecialTokens.Eos));

    [Fact]
    public void ResumedRunEqualsUninterruptedRunBitwise()
    {
        var train = TinySeq2Seq.SortBatches(4, 8, Vocab, 4, seed: 3);      // 4 batches per epoch: k = 5 is mid-epoch
        const int n = 12, k = 5;

        using var straight = NewModel(7);
        using (var t = new Trainer(straight, Options(n))) t.Fit(train);

        var path = Path.Combine(dir, "k.ckpt");
        List<TrainingHistory.TrainPoint> resumedHistory;
        using (var first = NewModel(7))
        using (var t = new Trainer(first, Options(k)))
        {
            t.Fit(train);
            t.Save(path);
        }
        torch.manual_seed(12345);                                           // disturb the RNG: resume must restore it
        using var resumed = NewModel(99);                                    // other initial weights
        using (var t = new Trainer(resumed, Options(n)))
        {
            t.Resume(path);
            Assert.Equal(new TrainingState(k, 1, 1, 42), t.State with { Seconds = 0 });
            t.Fit(train);
            resumedHistory = t.History.Train;
            Assert.Equal(n, t.State.Step);
        }
        CheckpointTests.AssertSameWeights(straight, resumed);
        Assert.Equal(n, resumedHistory.Count);
        Assert.Equal(Enumerable.Range(1, n).Select(s => (long)s), resumedHistory.Select(p => p.Step));
    }

    [Fact]
    public void ResumeRefusesACheckpointOfAnotherConfig()
    {
        var path = Path.Combine(dir, "c.ckpt");
        using var model = NewModel(1);
        using (var t = new Trainer(model, Options(1), "{\"Hidden\":24}")) t.Save(path);
        using var t2 = new Trainer(model, Options(1), "{\"Hidden\":32}");
        var e = Assert.Throws<InvalidDataException>(() => t2.Resume(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("{\"Hidden\":32}", e.Message);
    }

    [Fact]
    public void EarlyStoppingFollowsTheMetricAndKeepsTheBestCheckpoint()
    {
        var train = TinySeq2Seq.SortBatches(3, 4, Vocab, 3, seed: 4);
        var valid = TinySeq2Seq.SortBatches(1, 4, Vocab, 3, seed: 5);
        var scores = new Queue<double>([10, 20, 15, 19, 30]);                // best at the 2nd evaluation
        using var model = NewModel(2);
        using var trainer = new Trainer(model, Options(100) with { EvalEvery = 2, Patience = 2, CheckpointDir = dir })
        {
            Metric = new ValidationMetric("BLEU", m => { Assert.False(((nn.Module)m).training); return scores.Dequeue(); }),
        };
        var summary = trainer.Fit(train, valid);
        Assert.StartsWith("early stopping", summary.StopReason);
        Assert.Equal(8, summary.Steps);                                       // evaluations at 2, 4, 6, 8
        Assert.Equal(20, summary.BestScore);
        Assert.Equal(4, summary.BestStep);
        var store = new CheckpointStore(dir);
        Assert.Equal(4, Checkpoint.Read(store.BestPath).Metadata.State.Step);
        Assert.Equal(8, Checkpoint.Read(store.LatestPath).Metadata.State.Step);
        Assert.Equal("BLEU", store.ReadIndex()!.MetricName);
        Assert.Equal([10.0, 20, 15, 19], trainer.History.Valid.Select(v => v.Metric!.Value));
    }

    [Fact]
    public void EpochBasedRunValidatesAfterEachEpochTracksALowerIsBetterBestAndStopsAtMaxEpochs()
    {
        // The laptop and gpu profiles: MaxSteps 0, MaxEpochs N, EvalEvery 0 (validate once per epoch).
        var train = TinySeq2Seq.SortBatches(3, 4, Vocab, 3, seed: 9);                // 3 batches per epoch
        var valid = TinySeq2Seq.SortBatches(1, 4, Vocab, 3, seed: 10);
        var errors = new Queue<double>([5, 3, 4, 6]);                                 // lowest at the 2nd evaluation
        using var model = NewModel(8);
        using var runaway = new CancellationTokenSource();                            // a missing max-epochs stop ends as "cancelled", not a hang
        using var trainer = new Trainer(model, Options(0) with { MaxEpochs = 4, EvalEvery = 0, LogEvery = 100, CheckpointDir = dir })
        {
            Metric = new ValidationMetric("error rate", _ => errors.Dequeue(), HigherIsBetter: false),
            Progress = new Progress(p => { if (p.Step > 30) runaway.Cancel(); }),
        };
        var summary = trainer.Fit(train, valid, runaway.Token);
        Assert.Equal("max epochs", summary.StopReason);
        Assert.Equal(12, summary.Steps);
        Assert.Equal(4, trainer.State.Epoch);
        Assert.Equal([3L, 6, 9, 12], trainer.History.Valid.Select(v => v.Step));     // once at the end of every epoch
        Assert.Equal([1, 2, 3, 4], trainer.History.Valid.Select(v => v.Epoch));
        Assert.Equal(3, summary.BestScore);
        Assert.Equal(6, summary.BestStep);
        var store = new CheckpointStore(dir);
        Assert.Equal(6, Checkpoint.Read(store.BestPath).Metadata.State.Step);
        Assert.Equal(12, Checkpoint.Read(store.LatestPath).Metadata.State.Step);
        Assert.Equal("error rate", store.ReadIndex()!.MetricName);
    }

    [Fact]
    public void WithoutAMetricTheBestIsTheLowestValidationCrossEntropy()
    {
        var train = TinySeq2Seq.SortBatches(4, 8, Vocab, 4, seed: 11);
        var valid = TinySeq2Seq.SortBatches(2, 8, Vocab, 4, seed: 12);
        using var model = NewModel(9, dropout: 0);
        using var runaway = new CancellationTokenSource();
        using var trainer = new Trainer(model, Options(0) with { MaxEpochs = 5, EvalEvery = 0 })
        {
            Progress = new Progress(p => { if (p.Step > 40) runaway.Cancel(); }),
        };
        var summary = trainer.Fit(train, valid, runaway.Token);
        Assert.Equal("max epochs", summary.StopReason);
        var nll = trainer.History.Valid.Select(v => v.Nll).ToList();
        Assert.Equal(5, nll.Count);
        Assert.Equal(nll.Min(), summary.BestScore);
        Assert.Equal(trainer.History.Valid[nll.IndexOf(nll.Min())].Step, summary.BestStep);
        Assert.True(nll[^1] < nll[0], $"validation cross-entropy did not fall: {string.Join(", ", nll.Select(v => v.ToString("F3")))}");
    }

    [Fact]
    public void ResumingAfterTheTrainingDataShrankIsRefused()
    {
        var path = Path.Combine(dir, "mid-epoch.ckpt");
        using var model = NewModel(10);
        using (var t = new Trainer(model, Options(3)))                                // stops at batch 3 of a 4-batch epoch
        {
            t.Fit(TinySeq2Seq.SortBatches(4, 4, Vocab, 3, seed: 13));
            Assert.Equal(new TrainingState(3, 0, 3, 42), t.State with { BestScore = null, BestStep = 0, Seconds = 0 });
            t.Save(path);
        }
        using var resumed = new Trainer(model, Options(10));
        resumed.Resume(path);
        var e = Assert.Throws<InvalidOperationException>(() => resumed.Fit(TinySeq2Seq.SortBatches(2, 4, Vocab, 3, seed: 13)));
        Assert.Contains("the training data changed since the checkpoint", e.Message);
        Assert.Contains("batch 3 of epoch 0", e.Message);
    }

    private sealed class Progress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    [Fact]
    public void ProgressIsOneLinePerReportWithoutCarriageReturnsWhenRedirected()
    {
        var train = TinySeq2Seq.SortBatches(3, 4, Vocab, 3, seed: 6);
        var output = new StringWriter();
        using var model = NewModel(3);
        using var trainer = new Trainer(model, Options(6) with { LogEvery = 2, EvalEvery = 3 }) { Progress = new ConsoleProgress(output) };
        trainer.Fit(train, train);
        var text = output.ToString();
        Assert.DoesNotContain('\r', text);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3 + 2 + 1, lines.Length);                                // train at 2,4,6; valid at 3,6; done
        Assert.Matches(@"^step +2 ep  1 \| loss \d+\.\d{3} \| lr \d\.\de-0\d \| +[\d,]+ tok/s \| 00:00:\d\d \| eta 00:00:\d\d$", lines[0]);
        Assert.Contains("valid loss", lines[1]);                            // train 2, valid 3, train 4, train 6, valid 6, done
        Assert.Contains("ppl", lines[1]);
        Assert.Contains("stopped: max steps", lines[^1]);

        var live = new StringWriter();
        var interactive = new ConsoleProgress(live, interactive: true);
        interactive.Report(new TrainingProgress(ProgressKind.Train, 1, 0, 1, 1e-3, 100, TimeSpan.Zero, null));
        interactive.Report(new TrainingProgress(ProgressKind.Done, 1, 0, 1, 1e-3, 0, TimeSpan.Zero, null, Message: "stopped"));
        Assert.StartsWith("\rstep", live.ToString());
    }

    [Fact]
    public void CancellationStopsAfterTheStepAndWritesLatest()
    {
        var train = TinySeq2Seq.SortBatches(3, 4, Vocab, 3, seed: 7);
        using var model = NewModel(4);
        using var trainer = new Trainer(model, Options(100) with { CheckpointDir = dir });
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var summary = trainer.Fit(train, cancel: cancel.Token);
        Assert.Equal("cancelled", summary.StopReason);
        Assert.Equal(1, summary.Steps);
        Assert.Equal(1, Checkpoint.Read(new CheckpointStore(dir).LatestPath).Metadata.State.Step);
    }

    [Fact]
    public void ATimeBudgetEndsTrainingInTimeWithAUsableCheckpointAndSnapshots()
    {
        var train = TinySeq2Seq.SortBatches(20, 16, Vocab, 4, seed: 1);
        var valid = TinySeq2Seq.SortBatches(2, 16, Vocab, 4, seed: 2);
        using var model = NewModel(3);
        var options = Options(0) with { MaxEpochs = 0, BudgetSeconds = 1.5, EvalEvery = 0, CheckpointDir = dir, Snapshots = 3,
            Schedule = WarmupSchedule.LinearInverseSqrt(1e-2, 20) with { Cooldown = 0.5 } };
        using var trainer = new Trainer(model, options);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var summary = trainer.Fit(train, valid);
        clock.Stop();
        Assert.Equal("time budget", summary.StopReason);
        Assert.True(summary.Steps > 20, $"only {summary.Steps} steps in 1.5 s: the budget did not let it train");
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 4.0);             // one step and the final save past the budget at most
        Assert.InRange(trainer.State.Seconds, 1.5, 4.0);
        Assert.True(trainer.LearningRate < 1e-3, $"the cooldown should have brought the rate near 0, it is {trainer.LearningRate:G3}");
        var store = new CheckpointStore(dir);
        var latest = Checkpoint.Read(store.LatestPath);
        Assert.Equal(summary.Steps, latest.Metadata.State.Step);
        using var reloaded = NewModel(8);
        latest.LoadModel(reloaded);
        CheckpointTests.AssertSameWeights(model, reloaded);
        var snapshots = store.Snapshots();
        Assert.InRange(snapshots.Count, 1, 3);
        Assert.EndsWith($"step-{summary.Steps:D8}.ckpt", snapshots[^1]);   // the weights training ended with
        Assert.All(trainer.History.Valid, v => Assert.InRange(v.Seconds, 0.0, 4.0));
    }

    [Fact]
    public void LiveTensorCountIsFlatAcrossStepsAndEvaluations()
    {
        var train = TinySeq2Seq.SortBatches(2, 4, Vocab, 3, seed: 8);
        using var model = NewModel(5);
        using var trainer = new Trainer(model, Options(1000));
        trainer.TrainStep(train[0]);                                          // creates gradients that live on
        var stats = DisposeScopeManager.Statistics;
        stats.Reset();
        long before = stats.ThreadTotalLiveCount;
        for (int i = 0; i < 30; i++) trainer.TrainStep(train[i % 2]);
        trainer.Evaluate(train);
        Assert.True(stats.ThreadTotalLiveCount - before <= 0, $"live tensors grew from {before} to {stats.ThreadTotalLiveCount}");
    }

    [Fact]
    public void RejectsModelsAndOptionsThatCannotTrain()
    {
        Assert.Contains("not a torch.nn.Module", Assert.Throws<ArgumentException>(() => new Trainer(new NotAModule(), Options(1))).Message);
        using var model = NewModel(6);
        Assert.Contains("never stop", Assert.Throws<ArgumentException>(() => new Trainer(model, Options(0))).Message);
        using var trainer = new Trainer(model, Options(1));
        Assert.Throws<ArgumentException>(() => trainer.Fit([]));
        var bad = TinySeq2Seq.MakeBatch([[4, 5]], [[4, 99]]);                  // id 99 ≥ vocabulary size
        // libtorch's embedding lookup rejects it (not any exception: a NullReference or a shape error would be a bug).
        var e = Assert.Throws<System.Runtime.InteropServices.ExternalException>(() => trainer.TrainStep(bad));
        Assert.Contains("index out of range", e.Message);
    }

    private sealed class NotAModule : ISeq2SeqModel
    {
        public Tensor Logits(Tensor srcIds, Tensor tgtIn) => throw new NotSupportedException();
        public IDecoderState Start(Tensor srcIds) => throw new NotSupportedException();
        public (Tensor LogProbs, IDecoderState State) Step(Tensor lastTokens, IDecoderState state) => throw new NotSupportedException();
    }
}
