using Seq2Seq.Diagnostics;
using TorchSharp;

namespace Seq2Seq.Tests.Diagnostics;

[Collection("Sequential")]
public sealed class ShapeTests
{
    [Fact]
    public void AcceptsMatchingShapesAndWildcards()
    {
        using var x = torch.zeros(2, 5, 16);
        Assert.Null(Record.Exception(() => Shape.Expect(x, "B,T,D", 2, 5, 16)));
        Assert.Null(Record.Exception(() => Shape.Expect(x, "B,T,D", Shape.Any, 5, Shape.Any)));
        // A wildcard frees only its own dimension: the others are still checked, and so is the rank.
        Assert.Contains("got [2, 5, 16]", Assert.Throws<ArgumentException>(() => Shape.Expect(x, "B,T,D", Shape.Any, 6, Shape.Any)).Message);
        Assert.Throws<ArgumentException>(() => Shape.Expect(x, "B,T", Shape.Any, Shape.Any));
    }

    [Fact]
    public void MessageShowsExpectedAndActualShapes()
    {
        using var x = torch.zeros(2, 5, 16);
        var e = Assert.Throws<ArgumentException>(() => Shape.Expect(x, "B,T,D", 2, 5, 32));
        Assert.Contains("expected [B=2, T=5, D=32], got [2, 5, 16]", e.Message);
        e = Assert.Throws<ArgumentException>(() => Shape.Expect(x, "B,H,T,Dh", [2, 4, 5, 4], "queries"));
        Assert.StartsWith("queries: expected [B=2, H=4, T=5, Dh=4], got [2, 5, 16]", e.Message);
        Assert.Throws<ArgumentException>(() => Shape.Expect(x, "B,T", 2, 5, 16));     // names ≠ sizes
    }
}
