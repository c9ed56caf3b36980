using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Workbook.Grading;

/// <summary>Refuses a student cell that would change what the locked and test cells mean. In a Roslyn script a later
/// submission's declaration shadows an earlier one and beats a using-imported type, so a student
/// <c>static class Check</c> (whose checks always pass), an <c>ExerciseFailed</c>, a <c>Masks</c> that fakes the oracle
/// or a top-level <c>torch</c> would turn the real checks off. Reserved are (1) every name a locked or test cell looks
/// up without declaring it itself, and (2) every top-level type and method those cells declare, and the top-level
/// variables of the locked ones; a name the source's own solution cells declare (the functions the student writes) is
/// allowed. <c>#r</c> and <c>#load</c> are refused too (a referenced assembly could bring such types). Syntax only
/// (Roslyn's parser), no compilation.</summary>
public sealed class NameGuard
{
    private static readonly CSharpParseOptions Script = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Preview);
    private readonly HashSet<string> reserved;

    private NameGuard(HashSet<string> reserved) => this.reserved = reserved;

    /// <summary>The guard of one source notebook.</summary>
    public static NameGuard For(SourceNotebook source)
    {
        var reserved = new HashSet<string>(StringComparer.Ordinal);
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in source.Notebook.Cells.Where(c => c.IsCode))
        {
            var root = Parse(cell.Source);
            var role = Nbgrader.Role(cell);
            if (role == CellRole.Solution) { allowed.UnionWith(TopLevel(root, variables: true)); continue; }
            var declared = Declared(root);
            reserved.UnionWith(LookedUp(root).Where(n => !declared.Contains(n)));
            reserved.UnionWith(TopLevel(root, variables: role != CellRole.Graded));
        }
        reserved.ExceptWith(allowed);
        return new NameGuard(reserved);
    }

    /// <summary>Null when <paramref name="code"/> may run; otherwise why not, naming the line and the name.</summary>
    public string? Refusal(string code)
    {
        var root = Parse(code);
        foreach (var directive in root.DescendantNodes(descendIntoTrivia: true).OfType<DirectiveTriviaSyntax>())
            if (directive is ReferenceDirectiveTriviaSyntax or LoadDirectiveTriviaSyntax)
                return $"line {Line(directive)}: '{directive.ToString().Trim()}' is not allowed in an exercise cell (references belong in the setup cell).";
        foreach (var (name, node) in TopLevelNodes(root, variables: true))
            if (reserved.Contains(name))
                return $"line {Line(node)}: your cell declares '{name}', a name the test or setup cells rely on; a second '{name}' would replace theirs. Rename yours.";
        return null;
    }

    /// <summary>Names reserved for the locked and test cells (for messages and tests).</summary>
    public IReadOnlySet<string> Reserved => reserved;

    private static CompilationUnitSyntax Parse(string code) => CSharpSyntaxTree.ParseText(code, Script).GetCompilationUnitRoot();

    private static int Line(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    /// <summary>Simple names resolved by lookup: not the member part of <c>a.B</c>, <c>A.B</c>, <c>?.B</c>, nor an
    /// argument or initializer label.</summary>
    private static IEnumerable<string> LookedUp(SyntaxNode root) => root.DescendantNodes().OfType<SimpleNameSyntax>()
        .Where(n => n.Parent switch
        {
            MemberAccessExpressionSyntax m => m.Name != n,
            QualifiedNameSyntax q => q.Right != n,
            AliasQualifiedNameSyntax a => a.Name != n,
            MemberBindingExpressionSyntax => false,
            NameColonSyntax or NameEqualsSyntax => false,
            _ => true,
        })
        .Select(n => n.Identifier.ValueText);

    /// <summary>Every name the cell declares anywhere (types, members, locals, parameters, pattern and loop variables).</summary>
    private static HashSet<string> Declared(SyntaxNode root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in root.DescendantNodes())
        {
            var token = node switch
            {
                BaseTypeDeclarationSyntax t => t.Identifier,
                DelegateDeclarationSyntax d => d.Identifier,
                MethodDeclarationSyntax m => m.Identifier,
                LocalFunctionStatementSyntax f => f.Identifier,
                PropertyDeclarationSyntax p => p.Identifier,
                EventDeclarationSyntax e => e.Identifier,
                VariableDeclaratorSyntax v => v.Identifier,
                ParameterSyntax p => p.Identifier,
                TypeParameterSyntax t => t.Identifier,
                SingleVariableDesignationSyntax s => s.Identifier,
                ForEachStatementSyntax f => f.Identifier,
                CatchDeclarationSyntax c => c.Identifier,
                QueryClauseSyntax or QueryContinuationSyntax => node switch
                {
                    FromClauseSyntax q => q.Identifier, LetClauseSyntax q => q.Identifier, JoinClauseSyntax q => q.Identifier,
                    JoinIntoClauseSyntax q => q.Identifier, QueryContinuationSyntax q => q.Identifier, _ => default,
                },
                _ => default,
            };
            if (token.ValueText.Length > 0) names.Add(token.ValueText);
        }
        return names;
    }

    private static IEnumerable<string> TopLevel(CompilationUnitSyntax root, bool variables) => TopLevelNodes(root, variables).Select(x => x.Name);

    /// <summary>What a script cell adds to the session: top-level types, methods, properties, fields, using aliases,
    /// and (with <paramref name="variables"/>) its top-level variables, which become fields of the script.</summary>
    private static IEnumerable<(string Name, SyntaxNode Node)> TopLevelNodes(CompilationUnitSyntax root, bool variables)
    {
        foreach (var u in root.Usings)
            if (u.Alias is { } alias) yield return (alias.Name.Identifier.ValueText, u);
        foreach (var member in root.Members)
        {
            switch (member)
            {
                case BaseTypeDeclarationSyntax t: yield return (t.Identifier.ValueText, t); break;
                case DelegateDeclarationSyntax d: yield return (d.Identifier.ValueText, d); break;
                case MethodDeclarationSyntax m: yield return (m.Identifier.ValueText, m); break;
                case PropertyDeclarationSyntax p: yield return (p.Identifier.ValueText, p); break;
                case EventDeclarationSyntax e: yield return (e.Identifier.ValueText, e); break;
                case BaseFieldDeclarationSyntax f when variables:
                    foreach (var v in f.Declaration.Variables) yield return (v.Identifier.ValueText, v);
                    break;
                case GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax f }: yield return (f.Identifier.ValueText, f); break;
                case GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax l } when variables:
                    foreach (var v in l.Declaration.Variables) yield return (v.Identifier.ValueText, v);
                    foreach (var d in Designations(l)) yield return d;
                    break;
                case GlobalStatementSyntax { Statement: ExpressionStatementSyntax e } when variables:
                    foreach (var d in Designations(e)) yield return d;
                    break;
            }
        }
    }

    /// <summary><c>var (a, b) = …</c>, <c>out var x</c> and <c>is T x</c> at the top level (not inside a lambda).</summary>
    private static IEnumerable<(string, SyntaxNode)> Designations(SyntaxNode statement) => statement
        .DescendantNodes(n => n is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax))
        .OfType<SingleVariableDesignationSyntax>()
        .Select(d => (d.Identifier.ValueText, (SyntaxNode)d));
}
