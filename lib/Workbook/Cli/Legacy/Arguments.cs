namespace Workbook.Cli;

/// <summary>Legacy (see <see cref="ICommand"/>): the hand-written reader verbs used before System.CommandLine.
/// Minimal GNU-style argument reader: positional values, <c>--flag</c>, <c>--name value</c>,
/// <c>--name=value</c>, repeatable options. Every option must be consumed, so a typo is an error.</summary>
public sealed class Arguments
{
    private readonly List<string> positionals = new();
    private readonly List<(string Name, string? Value)> options = new();
    private readonly HashSet<string> consumed = new();

    private Arguments() { }

    /// <summary>Parses <paramref name="args"/>. <paramref name="flags"/> lists the options that take no value.</summary>
    public static Arguments Parse(IReadOnlyList<string> args, params string[] flags)
    {
        var result = new Arguments();
        var flagSet = new HashSet<string>(flags);
        for (int i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--") { result.positionals.AddRange(args.Skip(i + 1)); break; }
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var eq = a.IndexOf('=');
                if (eq > 0) { result.options.Add((a[2..eq], a[(eq + 1)..])); continue; }
                var name = a[2..];
                if (flagSet.Contains(name)) { result.options.Add((name, null)); continue; }
                if (i + 1 >= args.Count) throw new UsageException($"--{name} needs a value.");
                result.options.Add((name, args[++i]));
                continue;
            }
            result.positionals.Add(a);
        }
        return result;
    }

    public IReadOnlyList<string> Positionals => positionals;

    public bool Flag(string name)
    {
        consumed.Add(name);
        return options.Any(o => o.Name == name);
    }

    public string? Option(string name)
    {
        consumed.Add(name);
        var values = options.Where(o => o.Name == name).ToList();
        if (values.Count > 1) throw new UsageException($"--{name} was given {values.Count} times.");
        if (values.Count == 1 && values[0].Value is null) throw new UsageException($"--{name} needs a value.");
        return values.Count == 0 ? null : values[0].Value;
    }

    public string Required(string name) => Option(name) ?? throw new UsageException($"--{name} is required.");

    public IReadOnlyList<string> Many(string name)
    {
        consumed.Add(name);
        return options.Where(o => o.Name == name).Select(o => o.Value ?? throw new UsageException($"--{name} needs a value.")).ToList();
    }

    public int Int(string name, int fallback)
    {
        var text = Option(name);
        if (text is null) return fallback;
        return int.TryParse(text, out var n) ? n : throw new UsageException($"--{name} expects a whole number, got '{text}'.");
    }

    public double Double(string name, double fallback)
    {
        var text = Option(name);
        if (text is null) return fallback;
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x)
            ? x : throw new UsageException($"--{name} expects a number, got '{text}'.");
    }

    /// <summary>Throws if an option was given that the verb never asked about (likely a typo).</summary>
    public void EnsureAllConsumed()
    {
        var unknown = options.Select(o => o.Name).Where(n => !consumed.Contains(n)).Distinct().ToList();
        if (unknown.Count > 0) throw new UsageException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
    }
}
