using System.Diagnostics;
using Seq2Seq.Data;
using Seq2Seq.Decoding;
using Seq2Seq.Metrics;
using Seq2Seq.Runtime;
using Seq2Seq.Text;
using Seq2Seq.Training;
using Seq2Seq.Transformer;
using TorchSharp;

namespace Workbook.Training;

/// <summary>The pipeline behind <c>workbook train</c>: data → joint BPE → Batcher → Transformer → Trainer (BLEU
/// on the validation set at each evaluation, best/latest checkpoints) → final validation BLEU with the best
/// weights. Everything it writes goes to the <see cref="RunFolder"/>.</summary>
public sealed class TrainingRun(TrainProfile profile, RunFolder folder, TextWriter log, string? dataFile = null)
{
    /// <summary>Trains (or, with <paramref name="resume"/>, continues from latest.ckpt); returns the exit code.</summary>
    public int Execute(bool resume, CancellationToken cancel)
    {
        int threads = torch.get_num_threads();
        try { return Run(resume, cancel); }
        finally { torch.set_num_threads(threads); }    // in-process callers (tests, notebooks) keep their setting
    }

    private int Run(bool resume, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var store = folder.Store;
        if (!resume && store.HasLatest)
            throw new Cli.UsageException($"'{folder.Directory}' already holds a run ({CheckpointStore.LatestFile}); pass --resume to continue it or choose another --out.");
        Devices.ConfigureThreads(profile.Threads);
        var device = Devices.Best();
        if (profile.Name == "gpu" && device.type != DeviceType.CUDA)
            log.WriteLine("warning: no CUDA device is usable; the gpu profile runs on the CPU and will be very slow.");
        log.WriteLine($"profile {profile.Name}: {Devices.Describe()}");
        if (NativeMemory.RetainFreedMemory())
            log.WriteLine($"allocator: freed memory is kept for reuse (faster CPU training, more resident memory; {NativeMemory.RetainVariable}=0 turns it off)");
        var data = TrainingData.Load(profile.Data, dataFile);
        log.WriteLine(data.Description);
        var tokenizer = Tokenizer(data, resume && folder.HasTokenizer);
        var config = profile.Model.WithVocab(tokenizer.VocabSize, tokenizer.VocabSize);
        var (trainSrc, trainTgt) = Encode(tokenizer, data.Train, config.MaxLength - 1, "train");
        var (validSrc, validTgt) = Encode(tokenizer, data.Valid, config.MaxLength - 1, "valid");
        var batcher = new Batcher(trainSrc, trainTgt, new BatcherOptions(MaxTokens: profile.MaxTokens, Seed: (int)profile.Trainer.Seed));
        int batchesPerEpoch = batcher.Plan(0).Count;
        var validBatches = new Batcher(validSrc, validTgt, BatcherOptions.Evaluation with { MaxTokens = profile.MaxTokens }).Batches(0).ToList();

        torch.manual_seed(profile.Trainer.Seed);
        using var model = new TransformerModel(config);
        model.to(device);
        log.WriteLine($"model: Transformer {config.EncoderLayers}+{config.DecoderLayers} layers, D {config.DModel}, H {config.Heads}, F {config.FeedForward}, " +
            $"{model.ParameterCount:N0} parameters, joint BPE vocabulary {tokenizer.VocabSize}; {batchesPerEpoch} batches per epoch");
        var decode = new DecodeOptions(MaxLength: config.MaxLength - 1, MaxLengthRatio: 1.5, MaxLengthOffset: 10);
        var sources = data.Valid.Select(p => p.Source).ToList();
        var references = data.Valid.Select(p => p.Target).ToList();
        var options = TrainerOptionsFor(batchesPerEpoch, clock.Elapsed);
        using var trainer = new Trainer(model, options, RunFolder.ConfigJson(config))
        {
            Progress = new ConsoleProgress(log),
            Metric = ValidationMetric.FromScorer("BLEU", m => new Translator(m, tokenizer, tokenizer, 1, decode, config.MaxLength - 2).Translate(sources),
                references, (h, r) => new Bleu().Corpus(h, r).Score),
        };
        if (resume && store.HasLatest)
        {
            trainer.Resume(store.LatestPath);
            log.WriteLine($"resumed from {store.LatestPath}: step {trainer.State.Step}, epoch {trainer.State.Epoch + 1}, batch {trainer.State.Position}");
        }
        else if (resume) log.WriteLine($"nothing to resume in '{folder.Directory}': starting a new run.");
        var summary = trainer.Fit(epoch => batcher.Batches(epoch).ToList(), validBatches, cancel);
        folder.WriteHistory(trainer.History);
        if (summary.StopReason == "cancelled")
        {
            log.WriteLine($"interrupted at step {summary.Steps}; continue with: workbook train --profile {profile.Name} --out {folder.Directory} --resume");
            return 130;
        }
        var trainedAt = clock.Elapsed;
        if (profile.Average > 1) AverageSnapshots(trainer, device);
        FinalScore(device, tokenizer, decode, sources, references, config.MaxLength - 2);
        log.WriteLine($"done: {summary.StopReason} after {summary.Steps} steps; best {(summary.BestScore is double b ? $"BLEU {b:F2} at step {summary.BestStep}" : "n/a")}; " +
            $"{clock.Elapsed.TotalSeconds:F0} s; files in {folder.Directory}");
        if (profile.BudgetMinutes is double minutes)
            log.WriteLine($"time budget {minutes:0.##} min: training ended at {trainedAt.TotalMinutes:F1} min, averaging and final validation at {clock.Elapsed.TotalMinutes:F1} min");
        return 0;
    }

    /// <summary>The profile's trainer options for this run: checkpoints in the run folder, validation every
    /// ValidateEvery epochs, and the time the budget leaves for training after <paramref name="spent"/> and the
    /// reserve for the final phase.</summary>
    private TrainerOptions TrainerOptionsFor(int batchesPerEpoch, TimeSpan spent)
    {
        var t = profile.Trainer with { CheckpointDir = folder.Directory, Snapshots = Math.Max(profile.Trainer.Snapshots, profile.Average) };
        if (t.EvalEvery == 0 && profile.ValidateEvery > 1) t = t with { EvalEvery = profile.ValidateEvery * batchesPerEpoch };
        if (profile.BudgetMinutes is not double minutes) return t;
        double total = minutes * 60, reserve = FinalPhaseReserve(total);
        double forTraining = total - spent.TotalSeconds - reserve;
        if (forTraining <= 0)
            throw new Cli.UsageException($"--budget {minutes:0.##} min leaves no time to train: preparing the data took {spent.TotalSeconds:F0} s and the final averaging and validation need about {reserve:F1} s.");
        log.WriteLine($"time budget {minutes:0.##} min: {forTraining / 60:F1} min for training, {reserve / 60:F1} min kept for averaging and the final validation");
        return t with { BudgetSeconds = forTraining };
    }

    /// <summary>Seconds kept back from a budget of <paramref name="total"/> seconds for the final phase (an
    /// averaged model scored greedily, then the beam search over the validation set): 1 % of the budget plus
    /// 30 s, never more than a quarter of it. Measured (AMD EPYC, 2 cores): 12 s for the laptop model, 30 s for
    /// the 6 M-parameter D 256 one (BENCHMARKS.md).</summary>
    private static double FinalPhaseReserve(double total) => Math.Min(0.01 * total + 30, 0.25 * total);

    /// <summary>Averages the snapshots of the last epochs into a model, scores it with the trainer's own validation
    /// metric (greedy BLEU, as every validation) and makes it best.ckpt when it beats the best single checkpoint.</summary>
    private void AverageSnapshots(Trainer trainer, torch.Device device)
    {
        var snapshots = folder.Store.Snapshots().TakeLast(profile.Average).ToList();
        if (snapshots.Count < 2) { log.WriteLine($"averaging: only {snapshots.Count} snapshot; nothing to average."); return; }
        var (averaged, _) = folder.LoadModel(device);
        using (averaged)
        {
            CheckpointAverage.Into(averaged, snapshots);
            double score = trainer.Metric!.Compute(averaged);
            double? best = trainer.State.BestScore;
            var range = $"{Path.GetFileNameWithoutExtension(snapshots[0])}…{Path.GetFileNameWithoutExtension(snapshots[^1])}";
            log.WriteLine($"averaging {snapshots.Count} snapshots ({range}): validation BLEU (greedy) {score:F2}; best single checkpoint {(best is double b ? b.ToString("F2") : "n/a")}");
            if (best is double single && score < single) { log.WriteLine("averaging: keeping the best single checkpoint."); return; }
            folder.Store.SaveBest(averaged, trainer.State, trainer.ConfigJson, trainer.History, score, $"average of {snapshots.Count} snapshots ({range})");
            log.WriteLine("averaging: the average is best.ckpt now.");
        }
    }

    private void FinalScore(torch.Device device, SubwordTokenizer tokenizer, DecodeOptions decode, List<string> sources, List<string> references, int maxSource)
    {
        var (best, checkpoint) = folder.LoadModel(device);
        using (best)
        {
            var hyps = new Translator(best, tokenizer, tokenizer, profile.FinalBeam, decode, maxSource, lengthPenalty: profile.LengthPenalty).Translate(sources);
            folder.WriteDecoding(new RunFolder.Decoding(profile.FinalBeam, profile.LengthPenalty));
            AtomicFile.WriteAllText(folder.ValidHypothesesPath, string.Join("\n", hyps) + "\n");
            var bleu = new Bleu();
            log.WriteLine($"validation ({sources.Count} sentences, {Path.GetFileName(checkpoint.Path)} from step {checkpoint.Metadata.State.Step}, " +
                $"{(profile.FinalBeam == 1 ? "greedy" : $"beam {profile.FinalBeam}, length penalty {profile.LengthPenalty:0.##}")}):");
            log.WriteLine(bleu.Corpus(hyps, references));
            log.WriteLine(bleu.Signature());
            if (profile.Data == "dates" && dataFile is null) log.WriteLine($"exact match: {DateAccuracy.ExactMatch(hyps, references):P1}");
        }
    }

    private SubwordTokenizer Tokenizer(TrainingData data, bool reuse)
    {
        if (reuse) return folder.LoadTokenizer();
        var clock = Stopwatch.StartNew();
        var bpe = BpeTrainer.Train(data.Train.SelectMany(p => new[] { p.Source, p.Target }), new BpeTrainerOptions(VocabSize: profile.BpeVocab));
        bpe.Save(folder.BpeDirectory);
        log.WriteLine($"BPE: {bpe.Vocabulary.Count} tokens, {bpe.Merges.Count} merges, trained in {clock.Elapsed.TotalSeconds:F1} s → {folder.BpeDirectory}");
        return SubwordTokenizer.FromModel(bpe);
    }

    private (List<int[]> Src, List<int[]> Tgt) Encode(ITextEncoder tokenizer, IReadOnlyList<SentencePair> pairs, int maxTokens, string split)
    {
        var (src, tgt) = (new List<int[]>(), new List<int[]>());
        foreach (var p in pairs)
        {
            var (s, t) = (tokenizer.Encode(p.Source), tokenizer.Encode(p.Target));
            if (s.Length > maxTokens || t.Length > maxTokens) continue;
            src.Add(s);
            tgt.Add(t);
        }
        if (src.Count < pairs.Count) log.WriteLine($"{split}: {pairs.Count - src.Count} of {pairs.Count} pairs are longer than {maxTokens} BPE tokens and are left out of the loss.");
        if (src.Count == 0) throw new InvalidDataException($"{split}: no sentence pair fits in {maxTokens} tokens.");
        return (src, tgt);
    }
}
