using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Training;

/// <summary>A verified checkpoint read into memory: model weights, optimizer state (Adam moments and step
/// counts), torch's RNG state, the model config JSON and the <see cref="TrainingState"/>. Files are written
/// atomically (temp file in the same folder, fsync, rename), so a crash or a failing save never damages the
/// previous file; reading checks the format version and a SHA-256 of the content, and loading checks every
/// parameter's name and shape before copying anything. Only the CPU generator is saved: on CUDA, dropout
/// masks after a resume differ from an uninterrupted run (weights, moments and data order still continue).</summary>
public sealed class Checkpoint
{
    public const int FormatVersion = 1;
    private const string ModelSection = "model", OptimizerSection = "optimizer", RngSection = "rng";
    private readonly Dictionary<string, byte[]> sections;

    /// <summary>The file this checkpoint was read from.</summary>
    public string Path { get; }
    public CheckpointMetadata Metadata { get; }

    private Checkpoint(string path, CheckpointMetadata metadata, Dictionary<string, byte[]> sections) =>
        (Path, Metadata, this.sections) = (path, metadata, sections);

    /// <summary>Writes <paramref name="model"/>'s state_dict, the optimizer state (if given), torch's CPU RNG
    /// state, <paramref name="state"/> and <paramref name="history"/> to <paramref name="path"/>, atomically.</summary>
    public static void Save(string path, nn.Module model, optim.Optimizer? optimizer, TrainingState state,
        string configJson, TrainingHistory? history = null) =>
        Save(path, model, optimizer, state, configJson, history, wrap: null);

    internal static void Save(string path, nn.Module model, optim.Optimizer? optimizer, TrainingState state,
        string configJson, TrainingHistory? history, Func<Stream, Stream>? wrap)
    {
        var stateDict = model.state_dict();
        var metadata = new CheckpointMetadata(FormatVersion, model.GetType().FullName ?? model.GetType().Name, configJson, state,
            history ?? new TrainingHistory(), stateDict.ToDictionary(kv => kv.Key, kv => kv.Value.shape), optimizer?.GetType().Name, DateTime.UtcNow);
        var parts = new List<(string, byte[])> { (ModelSection, Section(w => WriteModel(w, stateDict))) };
        if (optimizer is not null)
        {
            var helper = optimizer as OptimizerHelper ?? throw new NotSupportedException(
                $"optimizer {optimizer.GetType().Name} has no managed state_dict, so it cannot be checkpointed; use Adam/AdamW/SGD.");
            parts.Add((OptimizerSection, Section(helper.save_state_dict)));
        }
        parts.Add((RngSection, Section(w => { using var rng = torch.random.get_rng_state(); CheckpointFormat.WriteTensor(w, rng); })));
        AtomicFile.Write(path, stream => CheckpointFormat.WriteFile(stream, FormatVersion, Payload(metadata, parts)), wrap);
    }

    /// <summary>Reads and verifies <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming the
    /// file and the problem (truncated, not a checkpoint, other format version, checksum mismatch).</summary>
    public static Checkpoint Read(string path)
    {
        var payload = CheckpointFormat.ReadFile(path, FormatVersion);
        try
        {
            using var r = new BinaryReader(new MemoryStream(payload));
            var metadata = JsonSerializer.Deserialize<CheckpointMetadata>(r.ReadString())
                ?? throw CheckpointFormat.Corrupt(path, "its metadata is empty");
            var sections = new Dictionary<string, byte[]>();
            for (int i = r.ReadInt32(); i > 0; i--) sections[r.ReadString()] = r.ReadBytes(r.ReadInt32());
            return new Checkpoint(path, metadata, sections);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException)
        {
            throw CheckpointFormat.Corrupt(path, $"its content cannot be parsed ({e.Message})");
        }
    }

    /// <summary>Copies the saved weights into <paramref name="model"/> in place (its parameters keep their
    /// identity and device, so an optimizer built on them stays valid). Every name, shape and dtype is
    /// checked first; a mismatch names the file, the entry and both configurations.</summary>
    public void LoadModel(nn.Module model)
    {
        var target = model.state_dict();
        CheckpointCompatibility.Check(this, target, model.GetType());
        using var r = new BinaryReader(new MemoryStream(sections[ModelSection]));
        using var noGrad = torch.no_grad();
        for (int i = r.ReadInt32(); i > 0; i--)
        {
            var name = r.ReadString();
            using var saved = CheckpointFormat.ReadTensor(r);
            if (saved.dtype != target[name].dtype)
                throw CheckpointFormat.Corrupt(Path, $"entry '{name}' is {saved.dtype} in the file but {target[name].dtype} in the model");
            target[name].copy_(saved);
        }
    }

    /// <summary>Restores the optimizer's per-parameter state (Adam: step count, first and second moments) and
    /// its hyper-parameters. The optimizer must be built over the same parameters, in the same order.</summary>
    public void LoadOptimizer(optim.Optimizer optimizer)
    {
        if (!sections.TryGetValue(OptimizerSection, out var bytes))
            throw CheckpointFormat.Corrupt(Path, "it holds no optimizer state (it was saved for inference only)");
        var helper = optimizer as OptimizerHelper
            ?? throw new NotSupportedException($"optimizer {optimizer.GetType().Name} cannot load a managed state_dict.");
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes));
            helper.load_state_dict(r);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or EndOfStreamException)
        {
            throw CheckpointFormat.Corrupt(Path, $"its optimizer state does not fit this optimizer ({e.Message})");
        }
    }

    /// <summary>Sets torch's CPU random generator (dropout, initialisation) to its state at save time.</summary>
    public void RestoreRng()
    {
        using var r = new BinaryReader(new MemoryStream(sections[RngSection]));
        using var state = CheckpointFormat.ReadTensor(r);
        torch.random.set_rng_state(state);
    }

    private static void WriteModel(BinaryWriter w, Dictionary<string, Tensor> stateDict)
    {
        w.Write(stateDict.Count);
        foreach (var (name, tensor) in stateDict) { w.Write(name); CheckpointFormat.WriteTensor(w, tensor); }
    }

    private static byte[] Section(Action<BinaryWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true)) { write(w); w.Flush(); }
        return ms.ToArray();
    }

    private static byte[] Payload(CheckpointMetadata metadata, List<(string Name, byte[] Bytes)> parts) => Section(w =>
    {
        w.Write(JsonSerializer.Serialize(metadata));
        w.Write(parts.Count);
        foreach (var (name, bytes) in parts) { w.Write(name); w.Write(bytes.Length); w.Write(bytes); }
    });
}
