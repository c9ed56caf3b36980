using Seq2Seq.Data;

namespace Seq2Seq.Tests.Data;

public sealed class SyntheticTasksTests
{
    [Fact]
    public void RegeneratingGivesTheCommittedFilesByteForByte()
    {
        foreach (var (name, pairs) in SyntheticTasks.Committed())
            Assert.True(SyntheticTasks.ToTsv(pairs) == File.ReadAllText(Path.Combine(TestPaths.Datasets, "synthetic", name)),
                $"datasets/synthetic/{name} differs from SyntheticTasks.Committed(); regenerate it with SyntheticTasks.WriteCommitted.");
    }

    [Theory]
    [InlineData(0, "the 3rd of March 1998")]
    [InlineData(1, "March 3, 1998")]
    [InlineData(2, "3 March 1998")]
    [InlineData(3, "03/03/98")]
    [InlineData(4, "Mar 3 1998")]
    [InlineData(5, "03.03.1998")]
    [InlineData(6, "Tuesday, March 3, 1998")]
    public void DateStyles(int style, string expected) => Assert.Equal(expected, SyntheticTasks.FormatDate(new DateOnly(1998, 3, 3), style));

    [Fact]
    public void OrdinalsAndTaskInvariants()
    {
        Assert.Equal(new[] { "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st" },
            new[] { 1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31 }.Select(SyntheticTasks.Ordinal));
        Assert.All(SyntheticTasks.Copy(50, 7), p => Assert.Equal(p.Source, p.Target));
        Assert.All(SyntheticTasks.Reverse(50, 7), p => Assert.Equal(p.Source.Split(' ').Reverse(), p.Target.Split(' ')));
        foreach (var p in SyntheticTasks.Dates(200, 7))   // every target is a valid ISO date the source denotes
        {
            var d = DateOnly.ParseExact(p.Target, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(p.Source, Enumerable.Range(0, SyntheticTasks.DateStyles).Select(s => SyntheticTasks.FormatDate(d, s)));
        }
        Assert.Equal(SyntheticTasks.Dates(20, 5), SyntheticTasks.Dates(20, 5));
        Assert.NotEqual(SyntheticTasks.Dates(20, 5), SyntheticTasks.Dates(20, 6));
    }
}
