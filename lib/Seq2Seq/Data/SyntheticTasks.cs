using System.Text;

namespace Seq2Seq.Data;

/// <summary>Seeded toy translation tasks for checking that a model learns at all before spending hours on
/// Multi30k: copy (y = x), reverse (y = x backwards) and date normalisation ("the 3rd of March 1998",
/// "March 3, 1998", "03/03/98" … → "1998-03-03"). Same seed → same data on every machine (<see cref="SplitMix64"/>).
/// The committed files in datasets/synthetic are <see cref="Committed"/>; a test regenerates them.</summary>
public static class SyntheticTasks
{
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"];

    /// <summary>Number of surface forms <see cref="FormatDate"/> knows.</summary>
    public const int DateStyles = 7;

    /// <summary>Sequences of digits 0..<paramref name="alphabet"/>-1 (space-separated) copied unchanged.</summary>
    public static IReadOnlyList<SentencePair> Copy(int count, int seed, int minLength = 3, int maxLength = 12, int alphabet = 10) =>
        Sequences(count, seed, minLength, maxLength, alphabet).Select(x => new SentencePair(x, x)).ToList();

    /// <summary>Sequences of digits to be written backwards (needs attention to long-range positions).</summary>
    public static IReadOnlyList<SentencePair> Reverse(int count, int seed, int minLength = 3, int maxLength = 12, int alphabet = 10) =>
        Sequences(count, seed, minLength, maxLength, alphabet)
            .Select(x => new SentencePair(x, string.Join(' ', x.Split(' ').Reverse()))).ToList();

    /// <summary>Human-readable dates between 1950-01-01 and 2049-12-31 → ISO 8601 (yyyy-MM-dd).</summary>
    public static IReadOnlyList<SentencePair> Dates(int count, int seed)
    {
        var rng = SplitMix64.For(seed, 3);
        var first = new DateOnly(1950, 1, 1).DayNumber;
        var span = new DateOnly(2049, 12, 31).DayNumber - first + 1;
        return Enumerable.Range(0, count).Select(_ =>
        {
            var d = DateOnly.FromDayNumber(first + rng.Next(span));
            return new SentencePair(FormatDate(d, rng.Next(DateStyles)), d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }).ToList();
    }

    /// <summary>Style 0 "the 3rd of March 1998", 1 "March 3, 1998", 2 "3 March 1998", 3 "03/03/98" (US
    /// month/day/two-digit year; 50–99 → 19xx, 00–49 → 20xx), 4 "Mar 3 1998", 5 "03.03.1998" (day.month.year),
    /// 6 "Tuesday, March 3, 1998".</summary>
    public static string FormatDate(DateOnly d, int style) => style switch
    {
        0 => $"the {Ordinal(d.Day)} of {Months[d.Month - 1]} {d.Year}",
        1 => $"{Months[d.Month - 1]} {d.Day}, {d.Year}",
        2 => $"{d.Day} {Months[d.Month - 1]} {d.Year}",
        3 => $"{d.Month:00}/{d.Day:00}/{d.Year % 100:00}",
        4 => $"{Months[d.Month - 1][..3]} {d.Day} {d.Year}",
        5 => $"{d.Day:00}.{d.Month:00}.{d.Year}",
        6 => $"{d.DayOfWeek}, {Months[d.Month - 1]} {d.Day}, {d.Year}",
        _ => throw new ArgumentOutOfRangeException(nameof(style), style, $"styles are 0..{DateStyles - 1}"),
    };

    /// <summary>1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, 21st, 22nd, 23rd, 31st.</summary>
    public static string Ordinal(int n) => n + (n % 100 is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    /// <summary>The files committed under datasets/synthetic: name → pairs.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<SentencePair>> Committed() => new Dictionary<string, IReadOnlyList<SentencePair>>
    {
        ["copy.tsv"] = Copy(2000, seed: 1),
        ["reverse.tsv"] = Reverse(2000, seed: 2),
        ["dates.tsv"] = Dates(3000, seed: 3),
    };

    /// <summary>TSV text, one "source\ttarget" line per pair, "\n" line ends.</summary>
    public static string ToTsv(IEnumerable<SentencePair> pairs) => string.Concat(pairs.Select(p => $"{p.Source}\t{p.Target}\n"));

    /// <summary>(Re)writes the committed files into <paramref name="directory"/>.</summary>
    public static void WriteCommitted(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, pairs) in Committed())
            File.WriteAllText(Path.Combine(directory, name), ToTsv(pairs), new UTF8Encoding(false));
    }

    private static IEnumerable<string> Sequences(int count, int seed, int minLength, int maxLength, int alphabet)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, minLength);
        var rng = SplitMix64.For(seed, alphabet);
        for (int i = 0; i < count; i++)
            yield return string.Join(' ', Enumerable.Range(0, rng.Next(minLength, maxLength + 1)).Select(_ => rng.Next(alphabet)));
    }
}
