using System.IO.Compression;
using System.Text;
using Seq2Seq.Data;

namespace Seq2Seq.Tests.Data;

public sealed class ParallelCorpusTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("corpus-").FullName;
    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, string text) => WriteBytes(name, Encoding.UTF8.GetBytes(text));

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void MismatchedLineCountsNameBothFilesAndCounts()
    {
        var de = Write("a.de", "eins\nzwei\ndrei\n");
        var en = Write("a.en", "one\ntwo\n");
        var e = Assert.Throws<CorpusFormatException>(() => ParallelCorpus.Load(de, en));
        Assert.Contains($"{de} has 3 lines", e.Message);
        Assert.Contains($"{en} has 2", e.Message);
    }

    [Fact]
    public void EmptyPairsAreSkippedAndReportedWithFileAndLine()
    {
        var de = Write("b.de", "eins\n\ndrei\r\nvier\n");
        var en = Write("b.en", "one\ntwo\n   \nfour\n");
        var c = ParallelCorpus.Load(de, en);
        Assert.Equal(new[] { new SentencePair("eins", "one"), new SentencePair("vier", "four") }, c.Pairs);
        Assert.Equal(4, c.Report.PairsRead);
        Assert.Equal(new[] { $"{de}:2", $"{en}:3" }, c.Report.Issues.Select(i => $"{i.File}:{i.Line}"));
        Assert.Equal("4 pairs read, 2 kept; 2 Empty", c.Report.Summary());
        Assert.Contains($"{de}:2: empty", Assert.Throws<CorpusFormatException>(() => ParallelCorpus.Load(de, en, CorpusPolicy.Strict)).Message);
    }

    [Fact]
    public void InvalidUtf8IsAnErrorByDefaultOrSkippedByPolicy()
    {
        var de = WriteBytes("c.de", [.. "gut\n"u8, 0xC3, 0x28, (byte)'\n', .. "Grüße\n"u8]);
        var en = Write("c.en", "good\nbad\ngreetings\n");
        Assert.Contains($"{de}:2: not valid UTF-8", Assert.Throws<CorpusFormatException>(() => ParallelCorpus.Load(de, en)).Message);
        var c = ParallelCorpus.Load(de, en, new CorpusPolicy(SkipInvalidUtf8: true));
        Assert.Equal(new[] { "gut", "Grüße" }, c.Sources);
        Assert.Equal(CorpusIssueKind.InvalidUtf8, Assert.Single(c.Report.Issues).Kind);
    }

    [Fact]
    public void OverlongSentencesAreSkippedTruncatedOrRejected()
    {
        var tsv = Write("d.tsv", "a b c d e\tx y\nshort\tkurz\n");
        var skipped = ParallelCorpus.LoadTsv(tsv, new CorpusPolicy(MaxWords: 3));
        Assert.Equal(new[] { new SentencePair("short", "kurz") }, skipped.Pairs);
        Assert.Equal($"{tsv}:1: OverlongSkipped: 5 words > 3; pair skipped", skipped.Report.Issues[0].ToString());
        var truncated = ParallelCorpus.LoadTsv(tsv, new CorpusPolicy(MaxWords: 3, Overlong: OverlongAction.Truncate));
        Assert.Equal("a b c", truncated.Pairs[0].Source);
        Assert.Equal(1, truncated.Report.Count(CorpusIssueKind.OverlongTruncated));
        Assert.Throws<CorpusFormatException>(() => ParallelCorpus.LoadTsv(tsv, new CorpusPolicy(MaxWords: 3, Overlong: OverlongAction.Error)));
    }

    [Fact]
    public void MalformedTsvAndGzip()
    {
        var bad = Write("e.tsv", "one\tzwei\nno tab here\n");
        Assert.Contains($"{bad}:2: expected 2 tab-separated columns, found 1", Assert.Throws<CorpusFormatException>(() => ParallelCorpus.LoadTsv(bad)).Message);
        var gz = Path.Combine(dir, "f.de.gz");
        using (var s = new GZipStream(File.Create(gz), CompressionLevel.Fastest)) s.Write(Encoding.UTF8.GetBytes("\uFEFFHaus\nBuch\n"));
        var en = Write("f.en", "house\nbook");
        Assert.Equal(new[] { "Haus", "Buch" }, ParallelCorpus.Load(gz, en).Sources);   // BOM dropped, no final newline needed
    }

    [Fact]
    public void PhrasebookLoadsCleanly()
    {
        var book = ParallelCorpus.LoadTsv(Path.Combine(TestPaths.Datasets, "phrasebook", "en-de.tsv"), CorpusPolicy.Strict);
        Assert.InRange(book.Count, 200, 220);
        Assert.Empty(book.Report.Issues);
        Assert.Equal(book.Count, book.Pairs.Select(p => p.Source).Distinct().Count());
    }
}
