using Seq2Seq.Attention;
using Seq2Seq.Tests.Attention;
using Seq2Seq.Transformer;
using TorchSharp;
using static TorchSharp.torch;
using Sdpa = Seq2Seq.Attention.Attention;

namespace Seq2Seq.Tests.Transformer;

/// <summary>Pre-norm stacks (the translator of notebook 09 uses them) against the formulas written out from the
/// state_dict: x + Sublayer(LN(x)) around each sub-layer and a final LayerNorm (Xiong et al. 2020). libtorch's
/// built-in layers are post-norm only, so BuiltInLayerOracleTests cannot check this arrangement; a missing final
/// norm, a norm on the memory or on the residual path would pass every self-comparison.</summary>
[Collection("Sequential")]
public sealed class PreNormReferenceTests
{
    private const int B = 2, S = 5, T = 4, D = 16, H = 4, F = 24;

    [Fact]
    public void EncoderIsResidualsAroundNormalisedSublayersThenAFinalNorm()
    {
        torch.manual_seed(51);
        using var encoder = new Encoder(2, D, H, F, 0.0, preNorm: true);
        encoder.eval();
        var p = Randomise(encoder);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(B, S, D);
        var mask = Masks.Padding(torch.tensor(new long[,] { { 5, 5, 5, 0, 0 }, { 5, 5, 5, 5, 5 } }));
        var h = x;
        for (int l = 0; l < 2; l++)
        {
            var layer = $"layers.{l}.";
            h = h + Mha(p, layer + "self_attn.", Norm(p, layer + "attn_residual.norm.", h), null, mask);
            h = h + Ffn(p, layer + "feed_forward.", Norm(p, layer + "ff_residual.norm.", h));
        }
        var expected = Norm(p, "norm.", h);
        var actual = encoder.forward(x, mask);
        var real = mask.reshape(B, S).unsqueeze(-1).expand_as(expected);
        var delta = (expected - actual).abs().masked_fill(real.logical_not(), 0).max().item<float>();
        Assert.True(delta < 1e-4, $"pre-norm encoder: max |Δ| = {delta}");
    }

    [Fact]
    public void DecoderNormalisesItsInputsButNotTheMemory()
    {
        torch.manual_seed(52);
        using var decoder = new Decoder(2, D, H, F, 0.0, preNorm: true);
        decoder.eval();
        var p = Randomise(decoder);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var (x, memory) = (torch.randn(B, T, D), 2 * torch.randn(B, S, D) + 1);
        var srcMask = Masks.Padding(torch.tensor(new long[,] { { 5, 5, 5, 0, 0 }, { 5, 5, 5, 5, 5 } }));
        var causal = Masks.Causal(T);
        var h = x;
        for (int l = 0; l < 2; l++)
        {
            var layer = $"layers.{l}.";
            h = h + Mha(p, layer + "self_attn.", Norm(p, layer + "self_residual.norm.", h), null, causal);
            h = h + Mha(p, layer + "cross_attn.", Norm(p, layer + "cross_residual.norm.", h), memory, srcMask);
            h = h + Ffn(p, layer + "feed_forward.", Norm(p, layer + "ff_residual.norm.", h));
        }
        var expected = Norm(p, "norm.", h);
        MultiHeadAttentionTests.AssertClose(expected, decoder.forward(x, memory, srcMask, causal), "pre-norm decoder", 1e-4);
        // The cached step-by-step path computes the same.
        var caches = decoder.StartCaches(memory);
        for (int t = 0; t < T; t++)
        {
            (var step, caches) = decoder.Step(x.narrow(1, t, 1), caches, srcMask);
            MultiHeadAttentionTests.AssertClose(expected.narrow(1, t, 1), step, $"pre-norm decoder step {t}", 1e-4);
        }
    }

    /// <summary>Every parameter random and distinct (LayerNorm gains around 1), returned by state_dict key.</summary>
    private static Dictionary<string, Tensor> Randomise(nn.Module module)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, p) in module.named_parameters())
            p.copy_(BuiltInLayerOracleTests.RandomValue(name, p));
        return module.state_dict();
    }

    private static Tensor Norm(Dictionary<string, Tensor> p, string prefix, Tensor x) =>
        nn.functional.layer_norm(x, [D], p[prefix + "weight"], p[prefix + "bias"], 1e-5);

    private static Tensor Linear(Dictionary<string, Tensor> p, string prefix, Tensor x) =>
        x.matmul(p[prefix + "weight"].t()) + p[prefix + "bias"];

    private static Tensor Ffn(Dictionary<string, Tensor> p, string prefix, Tensor x) =>
        Linear(p, prefix + "w_2.", Linear(p, prefix + "w_1.", x).relu());

    /// <summary>softmax(QKᵀ/√Dh)V per head, heads concatenated, W^O; keys and values from <paramref name="memory"/>
    /// (cross-attention) or from the query's own input (self-attention).</summary>
    private static Tensor Mha(Dictionary<string, Tensor> p, string prefix, Tensor query, Tensor? memory, Tensor mask)
    {
        var source = memory ?? query;
        Tensor Heads(Tensor y) => y.view(y.shape[0], y.shape[1], H, D / H).transpose(1, 2);         // [B, H, L, Dh]
        var (context, _) = Sdpa.ScaledDotProduct(Heads(Linear(p, prefix + "w_q.", query)),
            Heads(Linear(p, prefix + "w_k.", source)), Heads(Linear(p, prefix + "w_v.", source)), mask);
        var merged = context.transpose(1, 2).reshape(query.shape[0], query.shape[1], D);            // [B, L, D]
        return Linear(p, prefix + "w_o.", merged);
    }
}
