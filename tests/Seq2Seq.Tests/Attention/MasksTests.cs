using Seq2Seq.Attention;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Attention;

[Collection("Sequential")]
public sealed class MasksTests
{
    [Fact]
    public void PaddingMaskIsTrueOnRealTokensAndBroadcastsOverHeadsAndQueries()
    {
        using var scope = torch.NewDisposeScope();
        var mask = Masks.Padding(torch.tensor(new long[,] { { 5, 6, 2, 0 }, { 7, 2, 0, 0 } }));
        Assert.Equal(new long[] { 2, 1, 1, 4 }, mask.shape);
        Assert.Equal(ScalarType.Bool, mask.dtype);
        Assert.Equal(new[] { true, true, true, false, true, true, false, false }, mask.data<bool>().ToArray());
    }

    [Fact]
    public void CausalMaskIsLowerTriangularWithDiagonal()
    {
        using var scope = torch.NewDisposeScope();
        var mask = Masks.Causal(3);
        Assert.Equal(new long[] { 1, 1, 3, 3 }, mask.shape);
        Assert.Equal(new[] { true, false, false, true, true, false, true, true, true }, mask.data<bool>().ToArray());
    }

    [Fact]
    public void CausalPaddingCombinesBoth()
    {
        using var scope = torch.NewDisposeScope();
        var mask = Masks.CausalPadding(torch.tensor(new long[,] { { 1, 5, 0 } }));
        Assert.Equal(new long[] { 1, 1, 3, 3 }, mask.shape);
        Assert.Equal(new[] { true, false, false, true, true, false, true, true, false }, mask.data<bool>().ToArray());
        Assert.Equal(new[] { false, true }, Masks.ToIgnoreMask(torch.tensor(new[] { true, false })).data<bool>().ToArray());
    }

    [Fact]
    public void AdditiveFormMakesTheBuiltInTransformerCausal()
    {
        torch.manual_seed(0);
        using var builtIn = nn.Transformer(16, 4, 1, 1, 32, 0.0);
        builtIn.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var (src, tgt) = (torch.randn(5, 2, 16), torch.randn(4, 2, 16));                            // sequence-first
        var changedLast = tgt.clone();
        changedLast[3] = torch.randn(2, 16);
        float FirstPositionShift(Tensor tgtMask) =>
            (builtIn.call(src, tgt, null!, tgtMask, null, null, null, null)[0] -
             builtIn.call(src, changedLast, null!, tgtMask, null, null, null, null)[0]).abs().max().item<float>();
        var causal = Masks.Causal(4).reshape(4, 4);
        Assert.Equal(0f, FirstPositionShift(Masks.ToAdditive(causal)));
        // The pitfall ToAdditive exists for: a bool tgt_mask (true = ignore) lets position 0 see position 3.
        Assert.True(FirstPositionShift(Masks.ToIgnoreMask(causal)) > 1e-3);
    }

    [Fact]
    public void BadInputsAreNamed()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Contains("[B, S]", Assert.Throws<ArgumentException>(() => Masks.Padding(torch.zeros(3, dtype: ScalarType.Int64))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Masks.Causal(0));
    }
}
