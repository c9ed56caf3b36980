using Workbook.Html;

namespace Workbook.Tests.Html;

/// <summary>The index page of <c>workbook run --out</c>: the notebooks folder's README (the course map) on top, with
/// its links to notebooks leading to their executed pages, then the run's table of lessons and times.</summary>
public sealed class IndexPageTests
{
    private static readonly (string, string?, string, TimeSpan)[] Rows =
        [("Setup", "00-setup.html", "Ok", TimeSpan.FromSeconds(8.2)), ("Attention", "04-attention.html", "Failed", TimeSpan.FromSeconds(100))];

    [Fact]
    public void TheReadmeComesFirstAndItsNotebookLinksPointAtThePages()
    {
        var page = HtmlExporter.Index(Rows, "# The course\n\n| # | Notebook |\n|---|---|\n| 00 | [Setup](00-setup.ipynb) |\n\nSee [the exercises](../exercises/README.md) and [nbformat](https://nbformat.readthedocs.io/x.ipynb).");
        Assert.Contains("<a href=\"00-setup.html\">Setup</a></td>", page);                  // the map's link, rewritten
        Assert.DoesNotContain("00-setup.ipynb", page);
        Assert.Contains("href=\"../exercises/README.md\"", page);                             // other links untouched
        Assert.Contains("href=\"https://nbformat.readthedocs.io/x.ipynb\"", page);
        Assert.True(page.IndexOf(">The course</h1>", StringComparison.Ordinal) < page.IndexOf("<h2>This run</h2>", StringComparison.Ordinal));
        Assert.Contains("<tr><td><a href=\"04-attention.html\">Attention</a></td><td class=\"Failed\">Failed</td><td>100.0 s</td></tr>", page);
        Assert.Contains("<tfoot><tr><td>Total</td><td></td><td>108.2 s</td></tr></tfoot>", page);
    }

    [Fact]
    public void WithoutAReadmeThePageIsTheTableAlone()
    {
        var page = HtmlExporter.Index(Rows);
        Assert.Contains("<h1>Notebooks</h1>", page);
        Assert.DoesNotContain("This run", page);
        Assert.Contains("<a href=\"00-setup.html\">Setup</a>", page);
    }
}
