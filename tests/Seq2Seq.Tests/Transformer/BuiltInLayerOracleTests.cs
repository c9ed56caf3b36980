using Seq2Seq.Attention;
using Seq2Seq.Tests.Attention;
using Seq2Seq.Transformer;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Transformer;

/// <summary>Our post-norm encoder and decoder layers (and 2-layer stacks) against libtorch's own
/// <c>nn.TransformerEncoderLayer</c>/<c>nn.TransformerDecoderLayer</c> (ReLU, post-norm, dropout 0) holding the same
/// weights. Every weight, LayerNorm gains and biases included, is random and distinct, so swapped sub-layers, a norm in
/// the wrong place, or cross-attention reading the wrong tensor change the output (see docs/testing.md).</summary>
[Collection("Sequential")]
public sealed class BuiltInLayerOracleTests
{
    private const int B = 2, S = 6, T = 5, D = 16, H = 4, F = 32;

    // The built-in is sequence-first ([S, B, D]); its key_padding_mask is bool true = ignore, and its attn_mask
    // must be additive float (a bool one is added as 0/1 in TorchSharp 0.107; docs/architecture.md, Shared contracts).
    private static readonly long[,] SourceIds = { { 5, 5, 5, 5, 0, 0 }, { 5, 5, 5, 5, 5, 5 } };

    [Fact]
    public void EncoderLayerEqualsTheBuiltInLayer()
    {
        torch.manual_seed(10);
        using var builtIn = nn.TransformerEncoderLayer(D, H, F, 0.0);
        using var ours = new EncoderLayer(D, H, F, 0.0, preNorm: false);
        CopyRandomised(builtIn, ours, EncoderKey);
        AssertEncodersAgree(builtIn, (x, m, p) => builtIn.call(x, m, p), (x, m) => ours.Forward(x, m, needWeights: false).Output, ours);
    }

    [Fact]
    public void EncoderStackEqualsTheBuiltInStack()
    {
        torch.manual_seed(11);
        using var builtIn = nn.TransformerEncoder(nn.TransformerEncoderLayer(D, H, F, 0.0), 2);
        using var ours = new Encoder(2, D, H, F, 0.0, preNorm: false);
        CopyRandomised(builtIn, ours, EncoderKey);
        AssertEncodersAgree(builtIn, (x, m, p) => builtIn.call(x, m, p), (x, m) => ours.forward(x, m), ours);
    }

    [Fact]
    public void DecoderLayerEqualsTheBuiltInLayer()
    {
        torch.manual_seed(12);
        using var builtIn = nn.TransformerDecoderLayer(D, H, F, 0.0);
        using var ours = new DecoderLayer(D, H, F, 0.0, preNorm: false);
        CopyRandomised(builtIn, ours, DecoderKey);
        AssertDecodersAgree(builtIn, (x, m, a, b, c, d) => builtIn.call(x, m, a, b, c, d), (x, m, sm, tm) => ours.forward(x, m, sm, tm), ours);
    }

    [Fact]
    public void DecoderStackEqualsTheBuiltInStack()
    {
        torch.manual_seed(13);
        using var builtIn = nn.TransformerDecoder(nn.TransformerDecoderLayer(D, H, F, 0.0), 2);
        using var ours = new Decoder(2, D, H, F, 0.0, preNorm: false);
        CopyRandomised(builtIn, ours, DecoderKey);
        AssertDecodersAgree(builtIn, (x, m, a, b, c, d) => builtIn.call(x, m, a, b, c, d), (x, m, sm, tm) => ours.forward(x, m, sm, tm), ours);
    }

    private static void AssertEncodersAgree(nn.Module builtInModule, Func<Tensor, Tensor, Tensor, Tensor> builtIn, Func<Tensor, Tensor?, Tensor> ours, nn.Module oursModule)
    {
        builtInModule.eval(); oursModule.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(B, S, D);                                                               // [B, S, D]
        var mayAttend = Masks.Padding(torch.tensor(SourceIds));                                      // [B, 1, 1, S]
        var expected = builtIn(x.transpose(0, 1), null!, Masks.ToIgnoreMask(mayAttend.reshape(B, S))).transpose(0, 1);
        AssertRealPositionsClose(expected, ours(x, mayAttend), mayAttend.reshape(B, S), "with padding");
        var unmasked = builtIn(x.transpose(0, 1), null!, null!).transpose(0, 1);
        MultiHeadAttentionTests.AssertClose(unmasked, ours(x, null), "without mask", atol: 1e-4);
    }

    private static void AssertDecodersAgree(nn.Module builtInModule, Func<Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor> builtIn,
        Func<Tensor, Tensor, Tensor?, Tensor?, Tensor> ours, nn.Module oursModule)
    {
        builtInModule.eval(); oursModule.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        // x and memory differ in length and statistics, so attending to the wrong one changes (or breaks) the result.
        var (x, memory) = (torch.randn(B, T, D), 3 * torch.randn(B, S, D) + 1);
        var srcMask = Masks.Padding(torch.tensor(SourceIds));                                        // [B, 1, 1, S]
        var causal = Masks.Causal(T);                                                                 // [1, 1, T, T]
        var expected = builtIn(x.transpose(0, 1), memory.transpose(0, 1), Masks.ToAdditive(causal.reshape(T, T)), null!,
            null!, Masks.ToIgnoreMask(srcMask.reshape(B, S))).transpose(0, 1);
        MultiHeadAttentionTests.AssertClose(expected, ours(x, memory, srcMask, causal), "causal, padded memory", atol: 1e-4);
        var unmasked = builtIn(x.transpose(0, 1), memory.transpose(0, 1), null!, null!, null!, null!).transpose(0, 1);
        MultiHeadAttentionTests.AssertClose(unmasked, ours(x, memory, null, null), "without masks", atol: 1e-4);
    }

    /// <summary>Padded source positions are queries too; only the real ones are compared (their values are never read).</summary>
    private static void AssertRealPositionsClose(Tensor expected, Tensor actual, Tensor real, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        var keep = real.unsqueeze(-1).expand_as(expected);
        var delta = (expected - actual).abs().masked_fill(keep.logical_not(), 0).max().item<float>();
        Assert.True(delta < 1e-4, $"{what}: max |Δ| = {delta}");
    }

    /// <summary>Fills every built-in parameter with distinct random values (LayerNorm gains around 1, everything else
    /// around 0), then loads the same numbers into ours under our state_dict keys.</summary>
    private static void CopyRandomised(nn.Module builtIn, nn.Module ours, Func<string, IEnumerable<(string Key, long Offset)>> map)
    {
        using var noGrad = torch.no_grad();
        var target = new Dictionary<string, Tensor>();
        foreach (var (name, p) in builtIn.named_parameters())
        {
            var value = RandomValue(name, p);
            p.copy_(value);
            foreach (var (key, offset) in map(name))
                target[key] = offset < 0 ? value.clone() : value.narrow(0, offset * D, D).clone();
        }
        var (missing, unexpected) = ours.load_state_dict(target, strict: false);
        Assert.Empty(missing);
        Assert.Empty(unexpected);
        Assert.Equal(ours.state_dict().Keys.Order(), target.Keys.Order());
    }

    /// <summary>Random values for the parameter <paramref name="name"/>: LayerNorm gains around 1, everything else around 0.</summary>
    internal static Tensor RandomValue(string name, Tensor p) =>
        name.Contains("norm") && name.EndsWith("weight") ? 1 + 0.5 * torch.randn_like(p) : 0.3 * torch.randn_like(p);

    // Built-in names (PyTorch's): self_attn / multihead_attn (in_proj = [W^Q; W^K; W^V], out_proj), linear1/linear2,
    // norm1..norm3 after self-attention, cross-attention (decoder) and feed-forward. A stack prefixes "layers.i.".
    private static IEnumerable<(string, long)> EncoderKey(string name) => CommonKey(name, ("norm1", "attn_residual.norm"), ("norm2", "ff_residual.norm"));

    private static IEnumerable<(string, long)> DecoderKey(string name) =>
        CommonKey(name.Replace("multihead_attn.", "cross_attn."),
            ("norm1", "self_residual.norm"), ("norm2", "cross_residual.norm"), ("norm3", "ff_residual.norm"));

    private static IEnumerable<(string, long)> CommonKey(string name, params (string From, string To)[] norms)
    {
        var dot = name.LastIndexOf('.');
        var (path, leaf) = (name[..dot], name[(dot + 1)..]);                                          // "layers.0.self_attn", "in_proj_weight"
        if (leaf.StartsWith("in_proj_"))
        {
            var kind = leaf["in_proj_".Length..];                                                      // weight | bias
            return [($"{path}.w_q.{kind}", 0), ($"{path}.w_k.{kind}", 1), ($"{path}.w_v.{kind}", 2)];
        }
        var mapped = name.Replace("out_proj.", "w_o.").Replace("linear1.", "feed_forward.w_1.").Replace("linear2.", "feed_forward.w_2.");
        foreach (var (from, to) in norms) mapped = mapped.Replace(from + ".", to + ".");
        return [(mapped, -1)];
    }
}
