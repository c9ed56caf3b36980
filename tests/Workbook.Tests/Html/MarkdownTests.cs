using Workbook.Html;

namespace Workbook.Tests.Html;

public sealed class MarkdownTests
{
    [Fact]
    public void BlocksAndInlineMarkupRender()
    {
        var html = Markdown.ToHtml("# Title *x*\n\nA **bold** `a<b` and [link](https://x.org).\n\n- one\n- two\n\n1. first\n\n```csharp\nvar a = 1 < 2;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quote");
        Assert.Contains("<h1>Title <em>x</em></h1>", html);
        Assert.Contains("<p>A <strong>bold</strong> <code>a&lt;b</code> and <a href=\"https://x.org\">link</a>.</p>", html);
        Assert.Contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>", html);
        Assert.Contains("<ol>\n<li>first</li>\n</ol>", html);
        Assert.Contains("<pre><code class=\"language-csharp\">var a = 1 &lt; 2;</code></pre>", html);
        Assert.Contains("<thead><tr><th>a</th><th>b</th></tr></thead>", html);
        Assert.Contains("<tr><td>1</td><td>2</td></tr>", html);
        Assert.Contains("<blockquote><p>quote</p>\n</blockquote>", html);
    }

    [Fact]
    public void MathAndIdentifiersAreNotMangled()
    {
        var html = Markdown.ToHtml("Score $e_{ij} = q_i \\cdot k_j$ for snake_case_names.");
        Assert.Contains("$e_{ij} = q_i \\cdot k_j$", html);
        Assert.Contains("snake_case_names", html);
    }
}
