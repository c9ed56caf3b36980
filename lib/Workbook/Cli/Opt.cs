using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Workbook.Cli;

/// <summary>The kinds of option the verbs use, with the conventions the old parser had: a flag never takes a value,
/// a value option is given once (a second time is an error), a repeatable option takes one value per occurrence,
/// numbers are invariant-culture and a malformed one is named with what was expected. Absent options read as null,
/// so a verb applies its own default (which may depend on e.g. the run folder).</summary>
public static class Opt
{
    /// <summary>A value-less switch such as <c>--quick</c>: present = true.</summary>
    public static Option<bool> Flag(string name) => new(name) { Arity = ArgumentArity.Zero };

    /// <summary>One text value, e.g. <c>--out DIR</c>; <paramref name="valueName"/> is how completion and errors name it.</summary>
    public static Option<string?> Text(string name, string valueName) => new(name) { HelpName = valueName };

    /// <summary>One of <paramref name="choices"/> (completed in the shell; anything else is a usage error).</summary>
    public static Option<string?> Choice(string name, params string[] choices)
    {
        var option = new Option<string?>(name) { HelpName = string.Join("|", choices) };
        option.CompletionSources.Add(choices);
        option.Validators.Add(result =>
        {
            if (result.Tokens is [.., var last] && !choices.Contains(last.Value))
                result.AddError($"{name} must be one of {string.Join(", ", choices)}; got '{last.Value}'.");
        });
        return option;
    }

    /// <summary>A repeatable option, one value per occurrence: <c>--ref A --ref B</c>.</summary>
    public static Option<string[]> Many(string name, string valueName) => new(name) { HelpName = valueName };

    /// <summary>A whole number, e.g. <c>--beam 5</c>.</summary>
    public static Option<int?> Whole(string name) => Parsed<int>(name, "a whole number",
        text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null);

    /// <summary>A whole number ≥ 0 (a count or a size; 0 often means "off").</summary>
    public static Option<int?> Count(string name) => Parsed<int>(name, "a whole number ≥ 0",
        text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : null);

    /// <summary>A finite decimal number written with a point, e.g. <c>--dropout 0.1</c> or <c>--lr 1e-3</c>.</summary>
    public static Option<double?> Number(string name) => Parsed<double>(name, "a number",
        text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) ? x : null);

    /// <summary>"--NAME expects WHAT, got 'TEXT'." when <paramref name="parse"/> returns null.</summary>
    private static Option<T?> Parsed<T>(string name, string what, Func<string, T?> parse) where T : struct => new(name)
    {
        HelpName = "N",
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return null;                  // the parser reports the missing value
            var text = result.Tokens[^1].Value;
            var value = parse(text);
            if (value is null) result.AddError($"{name} expects {what}, got '{text}'.");
            return value;
        },
    };
}
