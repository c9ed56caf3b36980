using Workbook.Notebooks;

namespace Workbook.Tests.Notebooks;

public sealed class ParameterInjectorTests
{
    [Theory]
    [InlineData("5", "5")]
    [InlineData("-3", "-3")]
    [InlineData("12345678901", "12345678901L")]
    [InlineData("0.01", "0.01")]
    [InlineData("1e-3", "1e-3")]
    [InlineData("true", "true")]
    [InlineData("hello", "\"hello\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("1.2.3", "\"1.2.3\"")]
    public void ValuesBecomeTypedLiterals(string value, string literal) => Assert.Equal(literal, ParameterInjector.Literal(value));

    [Fact]
    public void InjectedCellFollowsTheParametersCellAndKeepsDeclaredTypes()
    {
        var notebook = Notebook.Load(TestFiles.Fixture("parameters.ipynb"));
        var unknown = ParameterInjector.Inject(notebook, [new("rate", "0.01"), new("name", "x"), new("extra", "1")]);
        Assert.Equal(["extra"], unknown);
        var injected = notebook.Cells[1];
        Assert.Equal(["injected-parameters"], injected.Tags);
        Assert.Contains("float rate = (float)(0.01);", injected.Source);
        Assert.Contains("string name = (string)(\"x\");", injected.Source);
        Assert.Contains("var extra = 1;", injected.Source);
        Assert.Equal(3, notebook.Cells.Count);
    }

    [Fact]
    public void WithoutAParametersCellTheOverridesGoFirst()
    {
        var notebook = Notebook.Load(TestFiles.Fixture("failing/d-ok.ipynb"));
        Assert.Empty(ParameterInjector.Inject(notebook, [new("n", "2")]));
        Assert.Equal(["injected-parameters"], notebook.Cells[0].Tags);
    }

    [Fact]
    public void AnInvalidNameIsRejected() =>
        Assert.Throws<ArgumentException>(() => ParameterInjector.Inject(Notebook.Load(TestFiles.Fixture("parameters.ipynb")), [new("2x", "1")]));
}
