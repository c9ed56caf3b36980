using Workbook.Html;

namespace Workbook.Tests.Html;

public sealed class MarkdownTests
{
    [Fact]
    public void BlocksAndInlineMarkupRender()
    {
        var html = Markdown.ToHtml("# Title *x*\n\nA **bold** `a<b` and [link](https://x.org).\n\n- one\n- two\n\n1. first\n\n```csharp\nvar a = 1 < 2;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quote");
        Assert.Contains(">Title <em>x</em></h1>", html);
        Assert.Contains("<p>A <strong>bold</strong> <code>a&lt;b</code> and <a href=\"https://x.org\">link</a>.</p>", html);
        Assert.Contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>", html);
        Assert.Contains("<ol>\n<li>first</li>\n</ol>", html);
        Assert.Contains("<pre><code class=\"language-csharp\">var a = 1 &lt; 2;\n</code></pre>", html);
        Assert.Contains("<th>a</th>", html);
        Assert.Contains("<td>1</td>", html);
        Assert.Contains("<blockquote>\n<p>quote</p>\n</blockquote>", html);
    }

    [Fact]
    public void MathIsKeptAsTeXForKatexAndIdentifiersAreNotMangled()
    {
        var html = Markdown.ToHtml("Score $e_{ij} = q_i \\cdot k_j$ for snake_case_names, and $y_{<i}$ with *emphasis*.\n\n$$P(Y \\mid X) = \\prod_i p(y_i \\mid X, y_{<i})$$");
        Assert.Contains("<span class=\"math\">\\(e_{ij} = q_i \\cdot k_j\\)</span>", html);
        Assert.Contains("<span class=\"math\">\\(y_{&lt;i}\\)</span>", html);
        Assert.Contains("snake_case_names", html);
        Assert.Contains("<em>emphasis</em>", html);
        Assert.Contains("<span class=\"math display\">\\[P(Y \\mid X) = \\prod_i p(y_i \\mid X, y_{&lt;i})\\]</span>", html);
        Assert.Contains("<span class=\"math display\">\\[a_i\\]</span>", Markdown.ToHtml("$$\na_i\n$$"));   // a math block
        Assert.True(Markdown.HasMath(html));
        Assert.False(Markdown.HasMath(Markdown.ToHtml("A price of 5 dollars, no math.")));
    }

    [Fact]
    public void MathSpanningLinesKeepsItsTeXAndCodeKeepsItsDollars()
    {
        var html = Markdown.ToHtml("Model 1:\n\n$$P(f, a \\mid e) = \\frac{\\epsilon}{(l+1)^m} \\prod_j t(f_j \\mid e_{a_j}), \\qquad\nP(f \\mid e) = \\sum_a P(f, a \\mid e).$$\n\n" +
            "Inline over a line break: $x_1 +\nx_2$. Code: `var s = $\"{a}$\";` and\n\n```csharp\nvar t = $\"{b}\" + \"$\";\n```\n\nEscaped: \\$5 and \\$6.");
        Assert.Contains("<span class=\"math display\">\\[P(f, a \\mid e) = \\frac{\\epsilon}{(l+1)^m} \\prod_j t(f_j \\mid e_{a_j}), \\qquad\nP(f \\mid e) = \\sum_a P(f, a \\mid e).\\]</span>", html);
        Assert.Contains("<span class=\"math\">\\(x_1 +\nx_2\\)</span>", html);
        Assert.Contains("<code>var s = $&quot;{a}$&quot;;</code>", html);
        Assert.Contains("var t = $&quot;{b}&quot; + &quot;$&quot;;", html);
        Assert.Contains("Escaped: $5 and $6.", html);
        Assert.Equal(2, html.Split("class=\"math").Length - 1);
    }
}
