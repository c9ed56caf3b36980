using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Training;

/// <summary>A training run's folder: <c>latest.ckpt</c> (resume from here), <c>best.ckpt</c> (the best
/// validation score so far: translate with this), <c>config.json</c> (the model config, readable without
/// opening a checkpoint) and <c>checkpoints.json</c> (a small index: which step and score each file holds).
/// Every file is replaced atomically.</summary>
public sealed class CheckpointStore(string directory)
{
    public const string LatestFile = "latest.ckpt", BestFile = "best.ckpt", IndexFile = "checkpoints.json", ConfigFile = "config.json";

    /// <summary>One index entry.</summary>
    public sealed record Entry(string File, long Step, int Epoch, double? Score, DateTime SavedUtc);

    /// <summary>The index: what latest.ckpt and best.ckpt hold (<paramref name="BestSource"/> says where best's
    /// weights came from when they are not a training step's, e.g. an average of snapshots).</summary>
    public sealed record Index(Entry? Latest, Entry? Best, string? MetricName, string? BestSource = null);

    public const string SnapshotFolder = "snapshots";

    public string Directory { get; } = directory;
    public string SnapshotDirectory => Path.Combine(Directory, SnapshotFolder);
    public string LatestPath => Path.Combine(Directory, LatestFile);
    public string BestPath => Path.Combine(Directory, BestFile);

    /// <summary>Whether a run can be resumed from this folder.</summary>
    public bool HasLatest => File.Exists(LatestPath);

    /// <summary>Saves latest.ckpt (and best.ckpt too when <paramref name="isBest"/>), then the index.</summary>
    public void Save(nn.Module model, optim.Optimizer optimizer, TrainingState state, string configJson,
        TrainingHistory history, bool isBest, string? metricName = null)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var configPath = Path.Combine(Directory, ConfigFile);
        if (!File.Exists(configPath) || File.ReadAllText(configPath) != configJson) AtomicFile.WriteAllText(configPath, configJson);
        Checkpoint.Save(LatestPath, model, optimizer, state, configJson, history);
        var old = ReadIndex();
        var entry = new Entry(LatestFile, state.Step, state.Epoch, state.BestScore, DateTime.UtcNow);
        var best = old?.Best;
        if (isBest)
        {
            // Written from the same in-memory state as latest; a copy would not be atomic.
            Checkpoint.Save(BestPath, model, optimizer, state, configJson, history);
            best = entry with { File = BestFile };
        }
        WriteIndex(new Index(entry, best, metricName ?? old?.MetricName, isBest ? null : old?.BestSource));
    }

    /// <summary>Saves the weights alone (no optimizer) as snapshots/step-NNNNNNNN.ckpt and deletes all but the
    /// newest <paramref name="keep"/> snapshots.</summary>
    public void SaveSnapshot(nn.Module model, TrainingState state, string configJson, int keep)
    {
        System.IO.Directory.CreateDirectory(SnapshotDirectory);
        Checkpoint.Save(Path.Combine(SnapshotDirectory, $"step-{state.Step:D8}.ckpt"), model, null, state, configJson);
        foreach (var old in Snapshots().SkipLast(keep)) File.Delete(old);
    }

    /// <summary>The snapshot files, oldest first (their names sort by step).</summary>
    public IReadOnlyList<string> Snapshots() => System.IO.Directory.Exists(SnapshotDirectory)
        ? System.IO.Directory.GetFiles(SnapshotDirectory, "step-*.ckpt").Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>Replaces best.ckpt with <paramref name="model"/>'s weights (inference only: no optimizer state),
    /// scored <paramref name="score"/>, and records <paramref name="source"/> in the index.</summary>
    public void SaveBest(nn.Module model, TrainingState state, string configJson, TrainingHistory history, double score, string source)
    {
        var scored = state with { BestScore = score };
        Checkpoint.Save(BestPath, model, null, scored, configJson, history);
        var old = ReadIndex();
        var best = new Entry(BestFile, state.Step, state.Epoch, score, DateTime.UtcNow);
        WriteIndex(new Index(old?.Latest, best, old?.MetricName, source));
    }

    private void WriteIndex(Index index) =>
        AtomicFile.WriteAllText(Path.Combine(Directory, IndexFile), JsonSerializer.Serialize(index, new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>The index, or null when the folder has none yet.</summary>
    public Index? ReadIndex()
    {
        var path = Path.Combine(Directory, IndexFile);
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<Index>(File.ReadAllText(path)); }
        catch (JsonException e) { throw new InvalidDataException($"checkpoint index '{path}' is not valid JSON: {e.Message}", e); }
    }

    /// <summary>best.ckpt if it exists, else latest.ckpt; throws naming the folder when neither does.</summary>
    public string PathForInference() =>
        File.Exists(BestPath) ? BestPath : HasLatest ? LatestPath
        : throw new FileNotFoundException($"no checkpoint in '{Directory}': expected {BestFile} or {LatestFile} (train with --out {Directory} first).");
}
