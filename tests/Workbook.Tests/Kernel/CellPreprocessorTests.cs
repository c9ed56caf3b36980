using Workbook.Kernel;

namespace Workbook.Tests.Kernel;

public sealed class CellPreprocessorTests
{
    private static readonly CellPreprocessor Preprocessor = new(
        new CarriedPackages(new Dictionary<string, string> { ["TorchSharp-cpu"] = "0.107.0", ["Plotly.NET.CSharp"] = "0.14.0" }),
        new HashSet<string>(["Seq2Seq.dll"], StringComparer.OrdinalIgnoreCase));

    [Fact]
    public void NugetDirectivesAreHoistedAndLineNumbersKept()
    {
        var cell = Preprocessor.Prepare("var a = 1;\n#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"nuget:plotly.net.csharp\"\nundefined");
        Assert.Equal([("TorchSharp-cpu", "0.107.0", 2), ("plotly.net.csharp", "0.14.0", 3)], cell.Packages.Select(p => (p.Name, p.Version, p.Line)));
        var code = Assert.Single(cell.Segments).Text;
        Assert.Equal("var a = 1;\n\n\nundefined", code);
    }

    [Fact]
    public void AnUnknownPackageNamesThePackageAndLine()
    {
        var e = Assert.Throws<CellDirectiveException>(() => Preprocessor.Prepare("// setup\n#r \"nuget: Foo.Bar, 1.0.0\""));
        Assert.StartsWith("line 2: #r \"nuget: Foo.Bar, 1.0.0\": package 'Foo.Bar' is not available", e.Message);
        Assert.Contains("TorchSharp-cpu 0.107.0", e.Message);
    }

    [Fact]
    public void AnotherVersionOfACarriedPackageIsAnError()
    {
        var e = Assert.Throws<CellDirectiveException>(() => Preprocessor.Prepare("#r \"nuget: TorchSharp-cpu, 0.105.0\""));
        Assert.Contains("version 0.105.0 is not available: workbook carries version 0.107.0", e.Message);
        Assert.Single(Preprocessor.Prepare("#r \"nuget: TorchSharp-cpu, *\"").Packages);
    }

    [Fact]
    public void AReferenceToACarriedAssemblyMapsToTheHostCopy()
    {
        var cell = Preprocessor.Prepare("#r \"../lib/Seq2Seq/bin/Debug/net10.0/Seq2Seq.dll\"\n#r \"other.dll\"\n1");
        Assert.Equal("\n#r \"other.dll\"\n1", Assert.Single(cell.Segments).Text);
    }

    [Fact]
    public void MagicsSelectKernelsAndTiming()
    {
        var cell = Preprocessor.Prepare("#!time\n#!csharp\nvar a = 1;\n#!markdown\n# Title");
        Assert.True(cell.Time);
        Assert.Equal([("csharp", "\n\nvar a = 1;"), ("markdown", "\n# Title")], cell.Segments.Select(s => (s.Kernel, s.Text)));
    }

    [Theory]
    [InlineData("#!fsharp\nlet x = 1", "kernel 'fsharp' is not supported")]
    [InlineData("#!whos", "magic command '#!whos' is not supported")]
    public void UnsupportedKernelsAndMagicsAreNamed(string source, string expected) =>
        Assert.Contains(expected, Assert.Throws<CellDirectiveException>(() => Preprocessor.Prepare(source)).Message);

    [Theory]
    [InlineData("TorchSharp-cuda-linux, 0.107.0")]
    [InlineData("TorchSharp-cuda-windows")]
    [InlineData("libtorch-cuda-12.8-linux-x64, 2.10.0")]
    public void ACudaBuildMapsToTheCarriedCpuBuildWithANote(string package)
    {
        var cell = Preprocessor.Prepare($"#r \"nuget: {package}\"\n1");
        Assert.Equal(("TorchSharp-cpu", "0.107.0"), cell.Packages.Select(p => (p.Name, p.Version)).Single());
        var note = Assert.Single(cell.Notes!);
        Assert.Contains($"line 1: {package.Split(',')[0]} (CUDA) is not carried by workbook; using TorchSharp-cpu 0.107.0 instead", note);
        Assert.Equal("\n1", Assert.Single(cell.Segments).Text);
    }
}
