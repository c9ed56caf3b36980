using System.Text.Json;
using Seq2Seq.Transformer;
using TorchSharp;
using Workbook.Bench;
using Workbook;

namespace Workbook.Tests.Bench;

[Collection(LibtorchCollection.Name)]
public sealed class BenchCommandTests
{
    [Fact]
    public async Task QuickBenchWritesEveryFieldAsAPositiveNumberAndTrains()
    {
        using var withDropout = await QuickBench("0.2");
        var root = withDropout.RootElement;
        Assert.True(root.GetProperty("threads").GetInt32() > 0);
        foreach (var (group, field) in new[]
        {
            ("train_tokens_per_s", "ours"), ("train_tokens_per_s", "builtin"), ("train_tokens_per_s", "ratio"),
            ("decode", "greedy_sentences_per_s"), ("decode", "beam5_cached_s"), ("decode", "beam5_uncached_s"),
            ("decode", "cache_speedup"), ("memory", "live_tensors_before"), ("memory", "live_tensors_after"),
        })
            Assert.True(root.GetProperty(group).GetProperty(field).GetDouble() > 0, $"{group}.{field} is not positive");
        Assert.True(root.GetProperty("decode").GetProperty("beam_outputs_identical").GetBoolean());
        var memory = root.GetProperty("memory");
        Assert.Equal(memory.GetProperty("live_tensors_before").GetInt64(), memory.GetProperty("live_tensors_after").GetInt64());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("machine").GetProperty("cpu").GetString()));
        var train = root.GetProperty("train_tokens_per_s");
        if (OperatingSystem.IsLinux())
            foreach (var model in new[] { "ours", "builtin" })
                Assert.True(train.GetProperty("minor_page_faults_per_step").GetProperty(model).GetDouble() >= 0);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("omp_wait_policy").GetString()));
        // (the ratio and its quartiles: PairedRatioIsTheMedianOfPerPairSpeedRatios, hand-computed)

        // --dropout reaches the settings both models are built from (Quick's own dropout is 0.1); that each model
        // honours it: EachBenchModelHonoursTheConfiguredDropout.
        using var withoutDropout = await QuickBench("0");
        Assert.Equal(0.0, withoutDropout.RootElement.GetProperty("config").GetProperty("dropout").GetDouble());
        Assert.Equal(0.2, root.GetProperty("config").GetProperty("dropout").GetDouble());
        var plain = withoutDropout.RootElement.GetProperty("train_tokens_per_s");
        foreach (var model in new[] { "ours", "builtin" })
        {
            // Without dropout the timed steps are deterministic Adam steps on one fixed batch: the loss goes down.
            var clean = Losses(plain, model);
            Assert.True(clean[1] < clean[0], $"{model}: loss {clean[0]} -> {clean[1]} on a fixed batch without dropout");
        }
    }

    [Fact]
    public void EachBenchModelHonoursTheConfiguredDropout()
    {
        // In training mode a model with dropout 0 computes what it computes in evaluation mode; with 0.2 it does not.
        using var _ = torch.NewDisposeScope();
        var src = torch.tensor(new long[] { 5, 6, 7, 8, 9, 10, 11, 3, 5, 9, 17, 23, 3, 0 }, dtype: torch.int64).view(2, 7);
        var tgt = torch.tensor(new long[] { 2, 12, 13, 14, 2, 15, 16, 0 }, dtype: torch.int64).view(2, 4);
        foreach (var p in new[] { 0.0, 0.2 })
        {
            var config = BenchSettings.Quick.Model with { Dropout = p };
            torch.manual_seed(0);
            using var ours = new TransformerModel(config);
            torch.manual_seed(0);
            using var builtin = new BuiltinTransformerModel(config);
            foreach (var (name, model) in new (string, torch.nn.Module<torch.Tensor, torch.Tensor, torch.Tensor>)[] { ("ours", ours), ("builtin", builtin) })
            {
                model.eval();
                var reference = model.call(src, tgt);
                model.train();
                double delta = (model.call(src, tgt) - reference).abs().max().item<float>();
                if (p == 0) Assert.True(delta < 1e-5, $"{name}, dropout 0: training-mode output differs by {delta}");
                else Assert.True(delta > 1e-3, $"{name}, dropout {p}: training-mode output equals evaluation mode");
            }
        }
    }

    private static float[] Losses(JsonElement train, string model) =>
        train.GetProperty($"{model}_loss_first_last").EnumerateArray().Select(v => v.GetSingle()).ToArray();

    private static async Task<JsonDocument> QuickBench(string dropout)
    {
        var json = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.json");
        try
        {
            var (o, e) = (new StringWriter(), new StringWriter());
            int code = await Program.RunAsync(["bench", "--quick", "--dropout", dropout, "--json", json], o, e, CancellationToken.None);
            Assert.True(code == 0, $"exit {code}\n{o}\n{e}");
            Assert.Contains("training throughput", o.ToString());
            return JsonDocument.Parse(File.ReadAllText(json));
        }
        finally { File.Delete(json); }
    }

    [Fact]
    public async Task AMissingJsonFolderIsAUsageError()
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        int code = await Program.RunAsync(["bench", "--quick", "--json", "/no/such/folder/x.json"], o, e, CancellationToken.None);
        Assert.Equal(2, code);
        Assert.Contains("/no/such/folder", e.ToString());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-0.1")]
    [InlineData("ten")]
    public async Task ADropoutOutsideZeroToOneIsAUsageError(string value)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        int code = await Program.RunAsync(["bench", "--quick", "--dropout", value], o, e, CancellationToken.None);
        Assert.Equal(2, code);
        Assert.Contains("--dropout", e.ToString());
    }

    [Fact]
    public void PairedRatioIsTheMedianOfPerPairSpeedRatios()
    {
        // ours takes 1, 2, 4 s; built-in 2, 2, 2 s: pair ratios (built-in time / ours time) 2, 1, 0.5.
        var ours = new TrainingBench.Result(1, 7, 0, 0, -1, [1.0, 2.0, 4.0]);
        var builtin = new TrainingBench.Result(1, 6, 0, 0, -1, [2.0, 2.0, 2.0]);
        var (median, q1, q3) = TrainingBench.PairedRatio(ours, builtin);
        Assert.Equal(1.0, median, 12);
        Assert.Equal(0.75, q1, 12);
        Assert.Equal(1.5, q3, 12);
    }
}
