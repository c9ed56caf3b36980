using Seq2Seq.Text;
using TorchSharp;

namespace Seq2Seq.Transformer;

/// <summary>The cross-attention a trained Transformer paid while producing a given output: the output is fed back
/// teacher-forced (BOS + output) through <see cref="TransformerModel.ForwardWithAttention"/>, which is what the
/// decoder computed step by step while decoding it (the KV cache changes the arithmetic, not the weights).</summary>
public static class CrossAttention
{
    /// <summary>The last decoder layer's cross-attention, averaged over its heads.</summary>
    /// <param name="model">the model that produced <paramref name="outputIds"/>; it must be in eval() mode.</param>
    /// <param name="sourceIds">S ids the encoder saw (EOS included).</param>
    /// <param name="outputIds">the decoded ids without BOS; end them with EOS when the hypothesis ended with it.</param>
    /// <returns>[T, S] with T = outputIds.Length: row t = attention while predicting outputIds[t] (rows sum to 1).</returns>
    public static float[,] LastLayerMean(TransformerModel model, IReadOnlyList<int> sourceIds, IReadOnlyList<int> outputIds)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (sourceIds.Count == 0 || outputIds.Count == 0)
            throw new ArgumentException($"CrossAttention: need at least one source and one output id, got {sourceIds.Count} and {outputIds.Count}.");
        if (model.training) throw new InvalidOperationException("CrossAttention: call model.eval() first (dropout would change the weights).");
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var device = model.parameters().First().device;
        var src = torch.tensor(sourceIds.Select(i => (long)i).ToArray(), device: device).unsqueeze(0);                      // [1, S]
        var tgtIn = torch.tensor(outputIds.SkipLast(1).Prepend(SpecialTokens.Bos).Select(i => (long)i).ToArray(), device: device).unsqueeze(0);   // [1, T]
        var (_, maps) = model.ForwardWithAttention(src, tgtIn);
        var mean = maps.DecoderCross[^1][0].mean([0L]);                                                                    // [T, S]
        return Plots.PlotData.ToMatrix(mean, nameof(CrossAttention));
    }
}
