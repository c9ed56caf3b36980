using System.Text.Json;
using Workbook.Bench;
using Workbook;

namespace Workbook.Tests.Bench;

[Collection(LibtorchCollection.Name)]
public sealed class BenchCommandTests
{
    [Fact]
    public async Task QuickBenchWritesEveryFieldAsAPositiveNumber()
    {
        var json = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.json");
        try
        {
            var (o, e) = (new StringWriter(), new StringWriter());
            int code = await Program.RunAsync(["bench", "--quick", "--dropout", "0.2", "--json", json], o, e, CancellationToken.None);
            Assert.True(code == 0, $"exit {code}\n{o}\n{e}");
            Assert.Contains("training throughput", o.ToString());

            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var root = doc.RootElement;
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
            Assert.Equal(32, root.GetProperty("config").GetProperty("d_model").GetInt32());
            Assert.Equal(0.2, root.GetProperty("config").GetProperty("dropout").GetDouble());    // --dropout reached both models
            var train = root.GetProperty("train_tokens_per_s");
            var quartiles = train.GetProperty("ratio_quartiles").EnumerateArray().Select(q => q.GetDouble()).ToArray();
            double ratio = train.GetProperty("ratio").GetDouble();
            Assert.True(quartiles.Length == 2 && quartiles[0] <= ratio && ratio <= quartiles[1], $"quartiles {string.Join(", ", quartiles)} around {ratio}");
            if (OperatingSystem.IsLinux())
                foreach (var model in new[] { "ours", "builtin" })
                    Assert.True(train.GetProperty("minor_page_faults_per_step").GetProperty(model).GetDouble() >= 0);
            Assert.False(string.IsNullOrEmpty(root.GetProperty("omp_wait_policy").GetString()));
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
