using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Workbook.Kernel;

/// <summary>One notebook's Roslyn script state, set up like the .NET Interactive C# kernel (platform-notes §2):
/// latest language version, the kernel's default imports, every assembly the host carries as a reference
/// (TorchSharp, Plotly.NET, Tokenizers, Seq2Seq, ...), <c>#r</c>/<c>#load</c> resolved from the notebook's folder,
/// each cell continuing the previous state, runtime exceptions caught so the state still advances.</summary>
public sealed class ScriptSession
{
    /// <summary>The kernel's default usings.</summary>
    public static readonly string[] DefaultImports =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    private static readonly MethodInfo? HasReturnValueMethod =
        typeof(Script).GetMethod("HasReturnValue", BindingFlags.Instance | BindingFlags.NonPublic);

    private readonly ScriptOptions options;
    private ScriptState<object>? state;

    public ScriptSession(string baseDirectory)
    {
        options = ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithImports(DefaultImports)
            .WithReferences(HostAssemblyPaths().Select(p => MetadataReference.CreateFromFile(p)))
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory))
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, baseDirectory))
            .WithEmitDebugInformation(true)
            .WithAllowUnsafe(true);
    }

    /// <summary>The host's trusted platform assemblies minus Roslyn itself (cells must not bind to the compiler).</summary>
    public static IReadOnlyList<string> HostAssemblyPaths() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !Path.GetFileName(p).StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase) && File.Exists(p))
            .ToList();

    /// <summary><paramref name="code"/> as the next submission, not run (for completions).</summary>
    public Script<object> Next(string code) => state is null ? CSharpScript.Create(code, options) : state.Script.ContinueWith(code, options);

    /// <summary>Compiles and runs one submission on top of the previous ones.</summary>
    public async Task<ScriptOutcome> RunAsync(string code, CancellationToken cancel = default)
    {
        var script = Next(code);
        var diagnostics = script.Compile(cancel);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
            return new ScriptOutcome(string.Join("\n", errors.Select(d => d.ToString())), true, false, null);

        Exception? thrown = null;
        bool Catch(Exception e) { thrown = e; return true; }
        var next = state is null
            ? await script.RunAsync(null, Catch, cancel)
            : await script.RunFromAsync(state, Catch, cancel);
        state = next ?? state;
        if (thrown is not null) return new ScriptOutcome(thrown.ToString(), false, false, null);
        var hasValue = HasReturnValueMethod?.Invoke(script, null) is true;
        return new ScriptOutcome(null, false, hasValue, hasValue ? next!.ReturnValue : null);
    }
}
