using Seq2Seq.Metrics;

namespace Seq2Seq.Tests.Metrics;

/// <summary>Hand-applied rules of sacrebleu/tokenizers/tokenizer_13a.py + tokenizer_re.py.</summary>
public sealed class Tokenizer13aTests
{
    [Theory]
    [InlineData("1,000.5", "1,000.5")]                         // separators between digits stay
    [InlineData("It costs 1,000.50 dollars.", "It costs 1,000.50 dollars .")]
    [InlineData("in 1990.", "in 1990 .")]                      // period before a non-digit splits even after a digit
    [InlineData("Hello, world.", "Hello , world .")]
    [InlineData("U.S.A.", "U . S . A .")]
    [InlineData("1990-2000", "1990 - 2000")]                   // dash after a digit
    [InlineData("state-of-the-art", "state-of-the-art")]       // other dashes stay
    [InlineData("3.5% of $5.00", "3.5 % of $ 5.00")]
    [InlineData("&quot;Hi&quot; &amp; bye &lt;3 &gt;", "\" Hi \" & bye < 3 >")]
    [InlineData("a<skipped>b", "ab")]
    [InlineData("hyphen-\nated line\nbreak", "hyphenated line break")]
    [InlineData("Grüße, Zoë! (ça va?)", "Grüße , Zoë ! ( ça va ? )")]   // non-ASCII letters are untouched
    [InlineData("It wasn't", "It wasn't")]                     // ' (0x27) lies between the split ranges
    [InlineData("  many   spaces\t", "many spaces")]
    [InlineData("", "")]
    public void TokenizesLikeSacreBleu(string input, string expected) => Assert.Equal(expected, Tokenizer13a.Tokenize(input));
}
