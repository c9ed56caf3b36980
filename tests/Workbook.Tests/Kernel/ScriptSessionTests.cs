using Workbook.Kernel;

namespace Workbook.Tests.Kernel;

/// <summary>The Roslyn state machine in-process (no child): what the kernel does between cells.</summary>
public sealed class ScriptSessionTests
{
    [Fact]
    public async Task StateValuesAndErrorsBehaveLikeTheKernel()
    {
        var session = new ScriptSession(AppContext.BaseDirectory);

        var first = await session.RunAsync("int x = 41;\nvar words = new List<string> { \"a\", \"b\" }.Select(w => w.ToUpper()).ToList();");
        Assert.Null(first.Error);
        Assert.False(first.HasValue);

        var value = await session.RunAsync("x + 1");
        Assert.True(value.HasValue);
        Assert.Equal(42, value.Value);

        var voidCall = await session.RunAsync("Console.Write(\"\")");
        Assert.False(voidCall.HasValue);

        var compile = await session.RunAsync("x = 100;\nundefinedThing");
        Assert.True(compile.IsCompileError);
        Assert.Equal("(2,1): error CS0103: The name 'undefinedThing' does not exist in the current context", compile.Error);
        Assert.Equal(41, (await session.RunAsync("x")).Value); // the failed submission changed nothing

        var runtime = await session.RunAsync("int y = 5;\nthrow new InvalidOperationException(\"oops\");");
        Assert.False(runtime.IsCompileError);
        Assert.StartsWith("System.InvalidOperationException: oops", runtime.Error);
        Assert.Contains(":line 2", runtime.Error);
        Assert.Equal(5, (await session.RunAsync("y")).Value); // as in the kernel, the state still advanced

        Assert.Equal("A,B", (await session.RunAsync("string.Join(\",\", words)")).Value);
        var nullValue = await session.RunAsync("(object?)null");
        Assert.True(nullValue.HasValue);
        Assert.Null(nullValue.Value);
    }

    [Fact]
    public async Task LoadAndRelativeReferencesResolveFromTheNotebookFolder()
    {
        var dir = TestFiles.TempDir("load");
        Directory.CreateDirectory(Path.Combine(dir, "scripts"));
        File.WriteAllText(Path.Combine(dir, "scripts", "helper.csx"), "int Twice(int n) => 2 * n;");
        var session = new ScriptSession(dir);
        var outcome = await session.RunAsync("#load \"scripts/helper.csx\"\nTwice(21)");
        Assert.Null(outcome.Error);
        Assert.Equal(42, outcome.Value);

        // A tiny assembly in <notebook folder>/lib, referenced by a relative #r as in the kernel.
        Directory.CreateDirectory(Path.Combine(dir, "lib"));
        var library = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("TinyLib",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("public static class Tiny { public static int Three() => 3; }")],
            [Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        using (var file = File.Create(Path.Combine(dir, "lib", "TinyLib.dll"))) Assert.True(library.Emit(file).Success);
        var referenced = await session.RunAsync("#r \"lib/TinyLib.dll\"\nTiny.Three()");
        Assert.Null(referenced.Error);
        Assert.Equal(3, referenced.Value);
    }
}
