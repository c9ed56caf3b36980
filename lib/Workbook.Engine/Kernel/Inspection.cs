using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace Workbook.Kernel;

/// <summary>What the name at a cursor is (Jupyter's inspect, Shift+Tab): the symbol's signature and, for values,
/// their type, from the cell compiled on top of the session. No XML docs: the runner references assemblies without
/// their documentation files.</summary>
public static class Inspection
{
    public static string? For(Script<object> script, string code, int position)
    {
        position = Math.Clamp(position, 0, code.Length);
        while (position > 0 && position == code.Length || position > 0 && !IsName(code[position]) && IsName(code[position - 1])) position--;
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        var model = compilation.GetSemanticModel(tree);
        var node = tree.GetRoot().FindToken(position).Parent;
        if (node is null) return null;
        var symbol = model.GetSymbolInfo(node).Symbol ?? model.GetSymbolInfo(node).CandidateSymbols.FirstOrDefault() ?? model.GetDeclaredSymbol(node);
        if (symbol is null) return null;
        var text = $"{symbol.Kind.ToString().ToLowerInvariant()} {symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}";
        var type = symbol switch { ILocalSymbol l => l.Type, IFieldSymbol f => f.Type, IPropertySymbol p => p.Type, IParameterSymbol p => p.Type, _ => null };
        if (type is not null) text += $"\ntype: {type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}";
        if (symbol is IMethodSymbol method && model.GetMemberGroup(node).OfType<IMethodSymbol>().ToList() is { Count: > 1 } overloads)
            text += "\noverloads:\n" + string.Join("\n", overloads.Where(o => !SymbolEqualityComparer.Default.Equals(o, method)).Select(o => "  " + o.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)));
        return text;
    }

    private static bool IsName(char c) => char.IsLetterOrDigit(c) || c == '_';
}
