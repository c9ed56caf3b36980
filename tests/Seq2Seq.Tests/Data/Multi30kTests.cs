using Seq2Seq.Data;

namespace Seq2Seq.Tests.Data;

/// <summary>Multi30k from the offline mirror (SEQ2SEQ_DATA_MIRROR, or ../shared/datasets/multi30k beside the repo).</summary>
public sealed class Multi30kTests
{
    [Fact]
    public void TheEmbeddedManifestIsTheCommittedFile()
    {
        var committed = DatasetManifest.Parse(File.ReadAllText(Path.Combine(TestPaths.Datasets, "multi30k.sha256")), "multi30k.sha256");
        Assert.Equal(committed.Sha256.OrderBy(kv => kv.Key), Multi30k.Manifest.Sha256.OrderBy(kv => kv.Key));
        Assert.Equal(9, Multi30k.Manifest.Sha256.Count);
        foreach (var split in Enum.GetValues<Multi30kSplit>())
            foreach (var lang in Multi30k.Languages)
                Assert.Contains(Multi30k.FileName(split, lang), Multi30k.Manifest.Sha256.Keys);
        Assert.Equal("test_2016_flickr.de.gz", Multi30k.FileName(Multi30kSplit.Test2016Flickr, "de"));
        Assert.Throws<ArgumentException>(() => Multi30k.FileName(Multi30kSplit.Train, "cs"));
    }

    [Fact]
    public void LoadsTheValidationSplitVerified()
    {
        var val = Multi30k.Load(Multi30kSplit.Val, "de", "en", new DataSource(AllowDownload: false), CorpusPolicy.Strict);
        Assert.Equal(1014, val.Count);
        Assert.Equal(1014, val.Report.PairsKept);
        Assert.All(val.Pairs.Take(20), p => Assert.False(string.IsNullOrWhiteSpace(p.Source) || string.IsNullOrWhiteSpace(p.Target)));
    }

    [Fact]
    public void WithoutMirrorOrNetworkTheMessageSaysWhatToDo()
    {
        var empty = Directory.CreateTempSubdirectory("m30k-").FullName;
        try
        {
            var source = new DataSource(Mirror: empty, CacheDirectory: empty, AllowDownload: false);
            var e = Assert.Throws<DatasetUnavailableException>(() => Multi30k.Load(Multi30kSplit.Test2016Flickr, source: source));
            Assert.Contains("https://raw.githubusercontent.com/multi30k/dataset/master/data/task1/raw/test_2016_flickr.de.gz", e.Message);
            Assert.Contains("SEQ2SEQ_DATA_MIRROR", e.Message);
        }
        finally { Directory.Delete(empty, recursive: true); }
    }
}
