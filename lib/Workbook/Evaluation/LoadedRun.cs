using Seq2Seq.Decoding;
using Seq2Seq.Runtime;
using Seq2Seq.Text;
using Seq2Seq.Training;
using Seq2Seq.Transformer;

namespace Workbook.Evaluation;

/// <summary>A run folder of <c>workbook train</c> opened for translation: its tokenizer, its model (best.ckpt, else
/// latest.ckpt) and a <see cref="Translator"/> with the given settings. Dispose to free the model.</summary>
public sealed class LoadedRun : IDisposable
{
    private LoadedRun(SubwordTokenizer tokenizer, TransformerModel model, Translator translator) =>
        (Tokenizer, Model, Translator) = (tokenizer, model, translator);

    public SubwordTokenizer Tokenizer { get; }
    public TransformerModel Model { get; }
    public Translator Translator { get; }

    /// <summary>Opens <paramref name="directory"/>; a missing folder or file is an IOException naming it.</summary>
    public static LoadedRun Open(string directory, DecodingSettings settings)
    {
        CheckFolder(directory);
        Devices.ConfigureThreads();
        var folder = new RunFolder(directory);
        var tokenizer = folder.LoadTokenizer();
        var (model, _) = folder.LoadModel(Devices.Best());
        var positions = model.Config.MaxLength - 1;
        var limit = settings.MaxLength > 0 ? Math.Min(settings.MaxLength, positions) : positions;
        var translator = new Translator(model, tokenizer, tokenizer, settings.Beam, new DecodeOptions(MaxLength: limit),
            model.Config.MaxLength - 2, settings.Batch, settings.LengthPenalty);
        return new LoadedRun(tokenizer, model, translator);
    }

    /// <summary>Throws naming <paramref name="directory"/> when it does not exist.</summary>
    public static void CheckFolder(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"model folder '{directory}' does not exist (train one with `workbook train --out {directory}`).");
    }

    public void Dispose() => Model.Dispose();
}
