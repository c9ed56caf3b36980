using System.Text.Json;
using System.Text.Json.Serialization;
using Seq2Seq.Text;
using Seq2Seq.Transformer;
using TorchSharp;

namespace Seq2Seq.Training;

/// <summary>The files of a training run in its --out folder: the checkpoints and index (see
/// <see cref="CheckpointStore"/>), the model config, the BPE files, the loss history and the final validation
/// translations. <c>workbook translate --model DIR</c> needs only this folder.</summary>
public sealed class RunFolder(string directory)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public string Directory { get; } = Path.GetFullPath(directory);
    public CheckpointStore Store => new(Directory);
    public string BpeDirectory => Path.Combine(Directory, "bpe");
    public string HistoryPath => Path.Combine(Directory, "history.json");
    public string ValidHypothesesPath => Path.Combine(Directory, "valid.hyp.txt");

    /// <summary>The beam size and length penalty the run's final validation used (its profile's, e.g. α tuned on
    /// the validation set), so that <c>translate</c> and <c>evaluate</c> decode the same way by default.</summary>
    public const string DecodingFile = "decoding.json";

    /// <summary>What <see cref="DecodingFile"/> holds.</summary>
    public sealed record Decoding(int Beam, double LengthPenalty);

    public void WriteDecoding(Decoding decoding) => AtomicFile.WriteAllText(Path.Combine(Directory, DecodingFile), JsonSerializer.Serialize(decoding, Json));

    /// <summary>The recorded decoding, or null when the run has none (runs before 2026-12-02); throws naming the
    /// file when it is not valid.</summary>
    public Decoding? ReadDecoding()
    {
        var path = Path.Combine(Directory, DecodingFile);
        if (!File.Exists(path)) return null;
        Decoding decoding;
        try { decoding = JsonSerializer.Deserialize<Decoding>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty."); }
        catch (JsonException e) { throw new InvalidDataException($"{path} is not a decoding record ({e.Message}).", e); }
        // A record with the fields missing or misnamed reads as beam 0: say it is the file, not --beam, that is wrong.
        if (decoding.Beam < 1 || !(decoding.LengthPenalty >= 0))
            throw new InvalidDataException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{path} is not a decoding record: it gives beam {decoding.Beam} and length penalty {decoding.LengthPenalty} (expected \"Beam\" ≥ 1 and \"LengthPenalty\" ≥ 0)."));
        return decoding;
    }

    /// <summary>The model config as stored in checkpoints (indented JSON, enums as names).</summary>
    public static string ConfigJson(TransformerConfig config) => JsonSerializer.Serialize(config, Json);

    public static TransformerConfig ParseConfig(string json, string origin)
    {
        try
        {
            return JsonSerializer.Deserialize<TransformerConfig>(json, Json)
                ?? throw new InvalidDataException($"{origin}: the model config is empty.");
        }
        catch (JsonException e) { throw new InvalidDataException($"{origin}: the model config is not a TransformerConfig ({e.Message}).", e); }
    }

    public bool HasTokenizer => File.Exists(Path.Combine(BpeDirectory, BpeModel.VocabFileName));

    /// <summary>The run's tokenizer; throws naming the folder when it is missing.</summary>
    public SubwordTokenizer LoadTokenizer() => HasTokenizer ? SubwordTokenizer.Load(BpeDirectory)
        : throw new FileNotFoundException($"'{BpeDirectory}' holds no {BpeModel.VocabFileName}: is '{Directory}' the --out folder of `workbook train`?");

    /// <summary>Builds the model saved in best.ckpt (else latest.ckpt) on <paramref name="device"/>.</summary>
    public (TransformerModel Model, Checkpoint Checkpoint) LoadModel(TorchSharp.torch.Device device)
    {
        var checkpoint = Checkpoint.Read(Store.PathForInference());
        var model = new TransformerModel(ParseConfig(checkpoint.Metadata.ConfigJson, checkpoint.Path));
        model.to(device);
        checkpoint.LoadModel(model);
        model.eval();
        return (model, checkpoint);
    }

    public void WriteHistory(TrainingHistory history) => AtomicFile.WriteAllText(HistoryPath, JsonSerializer.Serialize(history, Json));
}
