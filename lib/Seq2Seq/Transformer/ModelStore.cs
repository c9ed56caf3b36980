using System.Text.Json;
using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>Saves and loads a <see cref="TransformerModel"/>: weights in TorchSharp's format at the given path,
/// the <see cref="TransformerConfig"/> as JSON beside it (<c>model.bin</c> → <c>model.config.json</c>), so a
/// checkpoint can be rebuilt without knowing its hyper-parameters.</summary>
public static class ModelStore
{
    private const string Format = "seq2seq-transformer";
    private const int Version = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Where the config of <paramref name="weightsPath"/> lives: same folder and name, <c>.config.json</c>.</summary>
    public static string ConfigPath(string weightsPath) => Path.ChangeExtension(weightsPath, ".config.json");

    /// <summary>Writes the weights to <paramref name="weightsPath"/> and the config beside them.</summary>
    public static void Save(TransformerModel model, string weightsPath)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (weightsPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"ModelStore.Save: '{weightsPath}' is the weights file and must not end in .json.", nameof(weightsPath));
        var folder = Path.GetDirectoryName(Path.GetFullPath(weightsPath));
        if (folder is not null) Directory.CreateDirectory(folder);
        model.save(weightsPath);
        File.WriteAllText(ConfigPath(weightsPath), JsonSerializer.Serialize(new Stored(Format, Version, model.Config), Json));
    }

    /// <summary>Reads the config saved beside <paramref name="weightsPath"/>.</summary>
    public static TransformerConfig ReadConfig(string weightsPath)
    {
        var path = ConfigPath(weightsPath);
        if (!File.Exists(path)) throw new FileNotFoundException($"ModelStore: no config beside the weights: '{path}' is missing.", path);
        Stored? stored;
        try { stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new InvalidDataException($"ModelStore: '{path}' is not a valid config ({e.Message}).", e); }
        if (stored is null || stored.Format != Format || stored.Config is null)
            throw new InvalidDataException($"ModelStore: '{path}' is not a {Format} config.");
        if (stored.Version != Version)
            throw new InvalidDataException($"ModelStore: '{path}' has version {stored.Version}; this library reads version {Version}.");
        return stored.Config;
    }

    /// <summary>Builds the model described by the saved config and loads its weights.</summary>
    public static TransformerModel Load(string weightsPath, Device? device = null)
    {
        var model = new TransformerModel(ReadConfig(weightsPath));
        LoadWeights(model, weightsPath);
        if (device is not null) model.to(device);
        return model;
    }

    /// <summary>Loads saved weights into an existing model, after checking that the saved config equals the
    /// model's; a mismatch throws, naming each differing setting.</summary>
    public static void LoadInto(TransformerModel model, string weightsPath)
    {
        ArgumentNullException.ThrowIfNull(model);
        var saved = ReadConfig(weightsPath);
        var differences = typeof(TransformerConfig).GetProperties()
            .Where(p => !Equals(p.GetValue(saved), p.GetValue(model.Config)))
            .Select(p => $"{p.Name}: saved {p.GetValue(saved)}, model {p.GetValue(model.Config)}")
            .ToList();
        if (differences.Count > 0)
            throw new InvalidOperationException($"ModelStore: '{weightsPath}' was saved with a different config ({string.Join("; ", differences)}).");
        LoadWeights(model, weightsPath);
    }

    private static void LoadWeights(TransformerModel model, string weightsPath)
    {
        if (!File.Exists(weightsPath)) throw new FileNotFoundException($"ModelStore: weights file '{weightsPath}' is missing.", weightsPath);
        try { model.load(weightsPath, strict: true); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or KeyNotFoundException)
        {
            throw new InvalidDataException($"ModelStore: weights in '{weightsPath}' do not fit the config beside them ({e.Message}).", e);
        }
    }

    private sealed record Stored(string Format, int Version, TransformerConfig Config);
}
