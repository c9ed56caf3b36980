namespace Workbook.Tests.Jupyter;

/// <summary>Jupyter client tests run one after another: they measure interrupt and shutdown times, which a
/// concurrent nbconvert run on a two-core machine would blur.</summary>
[CollectionDefinition(Name)]
public sealed class JupyterCollection
{
    public const string Name = "Jupyter kernel";
}
