using Seq2Seq.Transformer;
using TorchSharp;
using static TorchSharp.torch;
using static Seq2Seq.Tests.Transformer.TransformerModelTests;

namespace Seq2Seq.Tests.Transformer;

[Collection("Sequential")]
public sealed class ModelStoreTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("seq2seq-modelstore-").FullName;
    private static readonly TransformerConfig Config = TransformerConfig.Tiny.WithVocab(13, 11) with { PreNorm = true };

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void RoundTripRestoresConfigAndOutputs()
    {
        torch.manual_seed(8);
        var path = Path.Combine(folder, "sub", "model.bin");
        using var model = new TransformerModel(Config);
        model.eval();
        ModelStore.Save(model, path);
        Assert.True(File.Exists(Path.Combine(folder, "sub", "model.config.json")));
        Assert.Contains("\"PreNorm\": true", File.ReadAllText(ModelStore.ConfigPath(path)));

        using var loaded = ModelStore.Load(path);
        loaded.eval();
        Assert.Equal(Config, loaded.Config);
        using var scope = torch.NewDisposeScope();
        var (src, tgt) = (RandomIds(2, 6, 13, [6, 3]), RandomIds(2, 4, 11));
        Assert.True(model.Logits(src, tgt).allclose(loaded.Logits(src, tgt), rtol: 0, atol: 0));

        torch.manual_seed(9);
        using var other = new TransformerModel(Config);
        Assert.False(model.Logits(src, tgt).allclose(other.Logits(src, tgt)));
        ModelStore.LoadInto(other, path);
        other.eval();
        Assert.True(model.Logits(src, tgt).allclose(other.Logits(src, tgt), rtol: 0, atol: 0));
    }

    [Fact]
    public void MismatchedConfigIsAClearError()
    {
        var path = Path.Combine(folder, "model.bin");
        using var model = new TransformerModel(Config);
        ModelStore.Save(model, path);

        using var wider = new TransformerModel(Config with { DModel = 64 });
        var e = Assert.Throws<InvalidOperationException>(() => ModelStore.LoadInto(wider, path));
        Assert.Contains("DModel: saved 32, model 64", e.Message);

        // A config file edited to disagree with the weights beside it.
        File.WriteAllText(ModelStore.ConfigPath(path), File.ReadAllText(ModelStore.ConfigPath(path)).Replace("\"FeedForward\": 64", "\"FeedForward\": 128"));
        var bad = Assert.Throws<InvalidDataException>(() => ModelStore.Load(path));
        Assert.Contains(path, bad.Message);

        File.Delete(ModelStore.ConfigPath(path));
        Assert.Contains("model.config.json", Assert.Throws<FileNotFoundException>(() => ModelStore.Load(path)).Message);
        Assert.Throws<ArgumentException>(() => ModelStore.Save(model, Path.Combine(folder, "weights.json")));
    }
}
