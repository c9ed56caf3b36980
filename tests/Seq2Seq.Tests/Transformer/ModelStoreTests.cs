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
    [Fact]
    public void EveryBrokenFileIsNamedWithWhatIsWrong()
    {
        var path = Path.Combine(folder, "model.bin");
        using var model = new TransformerModel(Config);
        ModelStore.Save(model, path);
        var configPath = ModelStore.ConfigPath(path);
        var good = File.ReadAllText(configPath);

        void Expect(string config, string message)
        {
            File.WriteAllText(configPath, config);
            var e = Assert.Throws<InvalidDataException>(() => ModelStore.ReadConfig(path));
            Assert.StartsWith(message, e.Message);
        }
        Expect("{ not json", $"ModelStore: '{configPath}' is not a valid config (");
        Expect("null", $"ModelStore: '{configPath}' is not a seq2seq-transformer config.");
        Expect(good.Replace("\"seq2seq-transformer\"", "\"something-else\""), $"ModelStore: '{configPath}' is not a seq2seq-transformer config.");
        Expect(good.Replace("\"Version\": 1", "\"Version\": 2"), $"ModelStore: '{configPath}' has version 2; this library reads version 1.");
        var withoutConfig = System.Text.Json.Nodes.JsonNode.Parse(good)!.AsObject();
        withoutConfig.Remove("Config");
        Expect(withoutConfig.ToJsonString(), $"ModelStore: '{configPath}' is not a seq2seq-transformer config.");

        File.WriteAllText(configPath, good);
        Assert.Equal(Config, ModelStore.ReadConfig(path));
        File.Delete(path);
        var missing = Assert.Throws<FileNotFoundException>(() => ModelStore.Load(path));
        Assert.Equal($"ModelStore: weights file '{path}' is missing.", missing.Message);
        var json = Assert.Throws<ArgumentException>(() => ModelStore.Save(model, Path.Combine(folder, "weights.JSON")));
        Assert.Contains("must not end in .json", json.Message);
        Assert.False(File.Exists(Path.Combine(folder, "weights.JSON")));
    }

    [Fact]
    public void LoadIntoNamesEveryDifferingSettingAndKeepsTheModelUntouched()
    {
        var path = Path.Combine(folder, "model.bin");
        using (var saved = new TransformerModel(Config)) ModelStore.Save(saved, path);
        torch.manual_seed(12);
        using var other = new TransformerModel(Config with { Heads = 2, Dropout = 0.2 });
        using var scope = torch.NewDisposeScope();
        var before = other.parameters().Select(p => p.clone()).ToList();
        var e = Assert.Throws<InvalidOperationException>(() => ModelStore.LoadInto(other, path));
        Assert.Contains($"ModelStore: '{path}' was saved with a different config (", e.Message);
        Assert.Contains("Heads: saved 4, model 2", e.Message);
        Assert.Contains("Dropout: saved 0, model 0.2", e.Message);
        Assert.DoesNotContain("DModel", e.Message);
        Assert.All(other.parameters().Zip(before), pair => Assert.True(pair.First.eq(pair.Second).all().item<bool>()));
    }
    [Fact]
    public void MissingPiecesAndStrayWeightsAreNamed()
    {
        var path = Path.Combine(folder, "model.bin");
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => ModelStore.Save(null!, path)).ParamName);
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => ModelStore.LoadInto(null!, path)).ParamName);
        var noConfig = Assert.Throws<FileNotFoundException>(() => ModelStore.ReadConfig(path));
        Assert.Equal($"ModelStore: no config beside the weights: '{ModelStore.ConfigPath(path)}' is missing.", noConfig.Message);

        // Weights with a generator the config says the model does not have: loading is strict, so the stray
        // matrices are an error, not silently dropped.
        using (var untied = new TransformerModel(Config with { TieOutput = false })) ModelStore.Save(untied, path);
        File.WriteAllText(ModelStore.ConfigPath(path), File.ReadAllText(ModelStore.ConfigPath(path)).Replace("\"TieOutput\": false", "\"TieOutput\": true"));
        var stray = Assert.Throws<InvalidDataException>(() => ModelStore.Load(path));
        Assert.StartsWith($"ModelStore: weights in '{path}' do not fit the config beside them (", stray.Message);

        using (var tied = new TransformerModel(Config)) ModelStore.Save(tied, path);
        using var onCpu = ModelStore.Load(path, torch.CPU);
        Assert.All(onCpu.parameters(), p => Assert.Equal(DeviceType.CPU, p.device_type));
    }

    [Fact]
    public void LoadIntoListsTheDifferencesSeparatedBySemicolons()
    {
        var path = Path.Combine(folder, "model.bin");
        using (var saved = new TransformerModel(Config)) ModelStore.Save(saved, path);
        using var other = new TransformerModel(Config with { Heads = 2, FeedForward = 48 });
        var e = Assert.Throws<InvalidOperationException>(() => ModelStore.LoadInto(other, path));
        Assert.Equal($"ModelStore: '{path}' was saved with a different config (Heads: saved 4, model 2; FeedForward: saved 64, model 48).", e.Message);
    }
}
