namespace Workbook.Tests.Course;

/// <summary>00 · Setup and tensors: the worked examples print what the prose says.</summary>
[Collection(CourseCollection.Name)]
public sealed class Notebook00Tests(CourseRun course)
{
    [Fact]
    public void WorkedExamplesPrintWhatTheProseSays()
    {
        var nb = course.Notebook("00-");
        Assert.True(nb.RanCleanly, nb.Text);
        nb.Printed(@"\[\[6, -2\]\n \[15, -2\]\]");                 // the matmul worked out in the markdown
        nb.Printed("inside disposed: True, kept disposed: False");
        Assert.Single(nb.FiguresWith("scatter"));
        Assert.Contains("Plotly.newPlot", File.ReadAllText(nb.HtmlPath));
    }
}
