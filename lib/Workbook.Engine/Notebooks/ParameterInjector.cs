using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;

namespace Workbook.Notebooks;

/// <summary>Papermill's parameter convention for C#: overrides are injected as a new cell tagged
/// <c>injected-parameters</c> right after the cell tagged <c>parameters</c> (at the top when there is none).
/// Numbers and bools become C# literals, anything else a string literal; when the parameters cell declares the
/// variable with an explicit type (<c>float lr = 0.1f;</c>) the value is cast to it, so types do not drift.</summary>
public static partial class ParameterInjector
{
    public const string ParametersTag = "parameters";
    public const string InjectedTag = "injected-parameters";

    [GeneratedRegex(@"^\s*(?<type>[A-Za-z_][\w.<>\[\], ?]*?)\s+(?<name>[A-Za-z_]\w*)\s*=", RegexOptions.Multiline)]
    private static partial Regex Declaration();

    /// <summary>Inserts the injected cell; returns the names that a parameters cell exists but does not declare (a warning).</summary>
    public static IReadOnlyList<string> Inject(Notebook notebook, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        if (parameters.Count == 0) return [];
        var index = notebook.Cells.FindIndex(c => c.IsCode && c.Tags.Contains(ParametersTag));
        var declared = new Dictionary<string, string>(StringComparer.Ordinal);
        if (index >= 0)
            foreach (Match m in Declaration().Matches(notebook.Cells[index].Source))
                declared.TryAdd(m.Groups["name"].Value, m.Groups["type"].Value.Trim());
        var code = new StringBuilder("// Parameters injected by `workbook run --param`\n");
        var unknown = new List<string>();
        foreach (var (name, value) in parameters)
        {
            if (!SyntaxFacts.IsValidIdentifier(name)) throw new ArgumentException($"--param {name}=...: '{name}' is not a C# identifier.");
            if (!declared.TryGetValue(name, out var type) && index >= 0) unknown.Add(name);
            var literal = Literal(value);
            code.Append(type is null or "var" or "const" ? $"var {name} = {literal};\n" : $"{type} {name} = ({type})({literal});\n");
        }
        var cell = NotebookCell.NewCSharp(code.ToString().TrimEnd('\n'), InjectedTag);
        notebook.Cells.Insert(index + 1, cell);
        return unknown;
    }

    /// <summary>A C# literal for a command-line value: true/false, an integer, a floating-point number, else a string.</summary>
    public static string Literal(string value)
    {
        if (value is "true" or "false") return value;
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return value;
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return value + "L";
        if (NumberLiteral().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return value.Contains('.') || value.Contains('e') || value.Contains('E') ? value : value + ".0";
        return SymbolDisplay.FormatLiteral(value, quote: true);
    }

    [GeneratedRegex(@"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")]
    private static partial Regex NumberLiteral();
}
