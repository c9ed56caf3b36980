using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace Workbook.Kernel;

/// <summary>Names that complete the word at a cursor, from the semantic model of the cell compiled on top of the
/// session (so earlier cells' variables count): members after a dot, otherwise everything in scope. Roslyn's
/// CompletionService lives in Microsoft.CodeAnalysis.Features, which the runner does not carry; this covers the
/// common cases (locals, types, members, extension methods).</summary>
public static class Completions
{
    /// <summary>Matches for the identifier ending at <paramref name="position"/> (a UTF-16 index), and where it starts.</summary>
    public static IReadOnlyList<string> For(Script<object> script, string code, int position, out int start)
    {
        position = Math.Clamp(position, 0, code.Length);
        start = position;
        while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_')) start--;
        var prefix = code[start..position];
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        var model = compilation.GetSemanticModel(tree);
        var symbols = Lookup(model, tree, start);
        return symbols
            .Where(s => s.CanBeReferencedByName && s.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(s => s.Name).Distinct().Order(StringComparer.Ordinal).Take(200).ToList();
    }

    private static IEnumerable<ISymbol> Lookup(SemanticModel model, SyntaxTree tree, int start)
    {
        var dot = start > 0 ? tree.GetRoot().FindToken(start - 1) : default;
        if (dot.IsKind(SyntaxKind.DotToken) && dot.Parent is MemberAccessExpressionSyntax access)
        {
            var left = model.GetSymbolInfo(access.Expression).Symbol;
            if (left is INamespaceOrTypeSymbol container) return model.LookupStaticMembers(start, container);   // Type. or Namespace.
            var type = model.GetTypeInfo(access.Expression).Type;
            return type is null ? [] : model.LookupSymbols(start, type, includeReducedExtensionMethods: true).Where(s => !s.IsStatic || s is IMethodSymbol { MethodKind: MethodKind.ReducedExtension });
        }
        return model.LookupSymbols(start);
    }
}
