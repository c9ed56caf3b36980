using Seq2Seq.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Layers;

/// <summary>Token embedding multiplied by √D (Vaswani et al. 2017, §3.4), so embeddings and positional
/// encodings have comparable scale. Weights start at N(0, 1/D), which makes the scaled embedding unit-variance
/// and suits tying them with the output projection. The pad row is zero and receives no gradient.</summary>
public sealed class TokenEmbedding : nn.Module<Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly double scale;

    /// <param name="vocabSize">V</param> <param name="dModel">D</param>
    public TokenEmbedding(long vocabSize, long dModel) : base(nameof(TokenEmbedding))
    {
        if (vocabSize <= SpecialTokens.All.Count)
            throw new ArgumentOutOfRangeException(nameof(vocabSize), vocabSize, $"TokenEmbedding: vocabulary must exceed the {SpecialTokens.All.Count} special tokens.");
        embedding = nn.Embedding(vocabSize, dModel, padding_idx: SpecialTokens.Pad);
        scale = Math.Sqrt(dModel);
        using (torch.no_grad())
        {
            nn.init.normal_(embedding.weight!, 0.0, 1.0 / Math.Sqrt(dModel));
            embedding.weight![SpecialTokens.Pad].zero_();
        }
        RegisterComponents();
    }

    /// <summary>The [V, D] embedding matrix (shared with the output projection when tied).</summary>
    public Parameter Weight => embedding.weight!;

    /// <param name="ids">[B, T] int64</param> <returns>[B, T, D]</returns>
    public override Tensor forward(Tensor ids) => embedding.forward(ids).mul(scale);
}
