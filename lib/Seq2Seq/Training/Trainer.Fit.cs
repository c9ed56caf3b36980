using System.Diagnostics;
using Seq2Seq.Data;
using TorchSharp;

namespace Seq2Seq.Training;

public sealed partial class Trainer
{
    /// <summary>Trains until MaxSteps, MaxEpochs, early stopping or cancellation. Each epoch visits the fixed
    /// <paramref name="train"/> batches in <see cref="BatchOrder"/> (a pure function of the seed and the epoch);
    /// evaluation runs every EvalEvery steps (or per epoch) when <paramref name="valid"/> is given; checkpoints go
    /// to Options.CheckpointDir. A fresh run (step 0) seeds torch's RNG with Options.Seed; a resumed run keeps
    /// the restored RNG state.</summary>
    /// <param name="train">Training batches (fixed; only their order changes per epoch).</param>
    /// <param name="valid">Validation batches, or null to train without evaluation.</param>
    /// <param name="cancel">Stops after the current step; the latest checkpoint is still written.</param>
    public TrainingSummary Fit(IReadOnlyList<Batch> train, IReadOnlyList<Batch>? valid = null, CancellationToken cancel = default)
    {
        if (train.Count == 0) throw new ArgumentException("there are no training batches.", nameof(train));
        return Fit(epoch => BatchOrder.Shuffle(train.Count, State.Seed, epoch).Select(i => train[i]).ToList(), valid, cancel);
    }

    /// <summary>As <see cref="Fit(IReadOnlyList{Batch}, IReadOnlyList{Batch}?, CancellationToken)"/>, with the
    /// batches of each epoch supplied by <paramref name="batchesOfEpoch"/> (e.g. <c>e =&gt; batcher.Batches(e).ToList()</c>),
    /// which must be a pure function of the epoch number so that a resumed run sees the same order.</summary>
    public TrainingSummary Fit(Func<int, IReadOnlyList<Batch>> batchesOfEpoch, IReadOnlyList<Batch>? valid = null, CancellationToken cancel = default)
    {
        if (State is { Step: 0, Epoch: 0, Position: 0 }) torch.manual_seed(Options.Seed);
        var store = Options.CheckpointDir is null ? null : new CheckpointStore(Options.CheckpointDir);
        var clock = Stopwatch.StartNew();
        double secondsBefore = State.Seconds;           // a resumed run's budget counts the time already spent
        double Spent() => secondsBefore + clock.Elapsed.TotalSeconds;
        ThroughputMeter? meter = null;
        long? totalSteps = null;
        EvaluationResult? last = null;
        string? stop = null;
        while (stop is null)
        {
            if (Options.MaxEpochs > 0 && State.Epoch >= Options.MaxEpochs) { stop = "max epochs"; break; }
            var epoch = batchesOfEpoch(State.Epoch);
            if (epoch.Count == 0) throw new ArgumentException($"epoch {State.Epoch} has no training batches.", nameof(batchesOfEpoch));
            if (State.Position > epoch.Count)
                throw new InvalidOperationException($"the run stands at batch {State.Position} of epoch {State.Epoch}, but that epoch has only {epoch.Count} batches: the training data changed since the checkpoint.");
            totalSteps ??= TotalSteps(epoch.Count);
            meter ??= new ThroughputMeter(State.Step, totalSteps, Options.BudgetSeconds - secondsBefore);
            while (stop is null && State.Position < epoch.Count)
            {
                var batch = epoch[State.Position];
                var loss = TrainStep(batch, RunProgress(totalSteps));
                State = State with { Position = State.Position + 1, Seconds = Spent() };
                meter.Add(loss, batch.TargetTokens);
                if (State.Step % Options.LogEvery == 0) ReportTrain(meter, clock.Elapsed);
                bool evalNow = valid is not null && Options.EvalEvery > 0 && State.Step % Options.EvalEvery == 0;
                if (evalNow) (last, stop) = EvaluateAndSave(valid!, store, clock.Elapsed);
                else if (store is not null && Options.CheckpointEvery > 0 && State.Step % Options.CheckpointEvery == 0) Store(store, isBest: false);
                if (stop is null && Options.MaxSteps > 0 && State.Step >= Options.MaxSteps) stop = "max steps";
                if (stop is null && OutOfTime(Spent())) stop = "time budget";
                if (stop is null && cancel.IsCancellationRequested) stop = "cancelled";
            }
            if (State.Position < epoch.Count) continue;
            State = State with { Epoch = State.Epoch + 1, Position = 0 };
            if (store is not null && Options.Snapshots > 0) store.SaveSnapshot(module, State, ConfigJson, Options.Snapshots);
            if (stop is null && valid is not null && Options.EvalEvery == 0) (last, stop) = EvaluateAndSave(valid, store, clock.Elapsed);
            if (stop is null && OutOfTime(Spent())) stop = "time budget";
        }
        State = State with { Seconds = Spent() };
        if (store is not null && Options.Snapshots > 0 && State.Position > 0 && stop != "cancelled")
            store.SaveSnapshot(module, State, ConfigJson, Options.Snapshots);     // the weights training ended with
        if (store is not null) Store(store, isBest: false);
        Progress?.Report(new TrainingProgress(ProgressKind.Done, State.Step, State.Epoch, last?.Loss ?? double.NaN, LearningRate, 0,
            clock.Elapsed, TimeSpan.Zero, last?.Nll, last?.Metric, Metric?.Name, $"stopped: {stop}"));
        return new TrainingSummary(stop, State.Step, State.BestScore, State.BestStep, last, clock.Elapsed);
    }

    private (EvaluationResult, string?) EvaluateAndSave(IReadOnlyList<Batch> valid, CheckpointStore? store, TimeSpan elapsed)
    {
        var result = Evaluate(valid);
        bool higherIsBetter = Metric?.HigherIsBetter ?? false;
        double score = Metric is null ? result.Nll : result.Metric!.Value;
        bool improved = State.BestScore is not double best || (higherIsBetter ? score > best : score < best);
        State = improved
            ? State with { BestScore = score, BestStep = State.Step, EvalsWithoutImprovement = 0 }
            : State with { EvalsWithoutImprovement = State.EvalsWithoutImprovement + 1 };
        History.Valid.Add(new(State.Step, State.Epoch, result.Loss, result.Nll, result.Metric, State.Seconds));
        if (store is not null) Store(store, improved);
        Progress?.Report(new TrainingProgress(ProgressKind.Validation, State.Step, State.Epoch, result.Loss, LearningRate, 0, elapsed, null,
            result.Nll, result.Metric, Metric?.Name, improved ? "best so far" + (store is null ? "" : ", saved best.ckpt") : Options.Patience > 0 ? $"no improvement ({State.EvalsWithoutImprovement}/{Options.Patience})" : "no improvement"));
        bool patienceOut = Options.Patience > 0 && State.EvalsWithoutImprovement >= Options.Patience;
        return (result, patienceOut ? $"early stopping (no improvement in {Options.Patience} evaluations; best at step {State.BestStep})" : null);
    }

    private void Store(CheckpointStore store, bool isBest) =>
        store.Save(module, optimizer, State, ConfigJson, History, isBest, Metric?.Name ?? "valid nll");

    private void ReportTrain(ThroughputMeter meter, TimeSpan elapsed)
    {
        var (loss, tokensPerSecond, eta) = meter.Flush(State.Step);
        History.Train.Add(new(State.Step, State.Epoch, loss, LearningRate));
        Progress?.Report(new TrainingProgress(ProgressKind.Train, State.Step, State.Epoch, loss, LearningRate, tokensPerSecond, elapsed, eta));
    }

    /// <summary>How far the run is, 0–1: steps done of those planned, or time spent of the budget, whichever
    /// is further (0 when neither is known).</summary>
    private double RunProgress(long? totalSteps)
    {
        double bySteps = totalSteps is long t && t > 0 ? (double)State.Step / t : 0;
        double byTime = Options.BudgetSeconds is double b ? State.Seconds / b : 0;
        return Math.Clamp(Math.Max(bySteps, byTime), 0, 1);
    }

    private bool OutOfTime(double spentSeconds) => Options.BudgetSeconds is double b && spentSeconds >= b;

    /// <summary>The run's length in steps, when known (MaxSteps, or MaxEpochs × batches per epoch).</summary>
    private long? TotalSteps(int batchesPerEpoch)
    {
        long? byEpochs = Options.MaxEpochs > 0 ? (long)Options.MaxEpochs * batchesPerEpoch : null;
        long? bySteps = Options.MaxSteps > 0 ? Options.MaxSteps : null;
        return byEpochs is long e && bySteps is long s ? Math.Min(e, s) : byEpochs ?? bySteps;
    }
}
