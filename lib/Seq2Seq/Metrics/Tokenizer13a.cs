using System.Text.RegularExpressions;

namespace Seq2Seq.Metrics;

/// <summary>sacreBLEU's default "13a" tokenizer (mteval-v13a.pl as used by WMT), ported rule for rule from
/// sacrebleu/tokenizers/tokenizer_13a.py and tokenizer_re.py: drop <c>&lt;skipped&gt;</c>, join end-of-line
/// hyphenation, unescape &amp;quot; &amp;amp; &amp;lt; &amp;gt;, split off punctuation, split "." and "," unless
/// between digits (so "1,000.5" stays one token), split "-" after a digit, collapse whitespace.</summary>
public static partial class Tokenizer13a
{
    // ASCII punctuation and symbols: { | } ~  [ \ ] ^ _ `  space ! " # $ % &  ( ) * +  : ; < = > ? @  /
    [GeneratedRegex(@"([\{-\~\[-\` -\&\(-\+\:-\@\/])", RegexOptions.CultureInvariant)]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"([^0-9])([\.,])", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodCommaAfterNonDigit();

    [GeneratedRegex(@"([\.,])([^0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodCommaBeforeNonDigit();

    [GeneratedRegex(@"([0-9])(-)", RegexOptions.CultureInvariant)]
    private static partial Regex DashAfterDigit();

    public static string Tokenize(string line)
    {
        line = line.Replace("<skipped>", "").Replace("-\n", "").Replace("\n", " ")
            .Replace("&quot;", "\"").Replace("&amp;", "&").Replace("&lt;", "<").Replace("&gt;", ">");
        line = $" {line} ";
        line = Punctuation().Replace(line, " $1 ");
        line = PeriodCommaAfterNonDigit().Replace(line, "$1 $2 ");
        line = PeriodCommaBeforeNonDigit().Replace(line, " $1 $2");
        line = DashAfterDigit().Replace(line, "$1 $2 ");
        return string.Join(' ', SacreBleu.SplitWhitespace(line));
    }
}
