using Seq2Seq.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Decoding;

/// <summary>Plumbing shared by the decoders: argument checks, per-sentence length limits, the model-output
/// check, and the per-step clean-up that keeps only the running state alive.</summary>
internal static class DecodingLoop
{
    /// <summary>Checks srcIds is [B, S] int64 with B, S ≥ 1; returns B.</summary>
    public static int CheckSource(Tensor srcIds, string caller)
    {
        ArgumentNullException.ThrowIfNull(srcIds);
        if (srcIds.dim() != 2 || srcIds.shape[0] < 1 || srcIds.shape[1] < 1)
            throw new ArgumentException($"{caller}: srcIds must be [B, S] with B, S ≥ 1, got [{string.Join(", ", srcIds.shape)}].", nameof(srcIds));
        if (srcIds.dtype != ScalarType.Int64)
            throw new ArgumentException($"{caller}: srcIds must be int64 token ids, got {srcIds.dtype}.", nameof(srcIds));
        return (int)srcIds.shape[0];
    }

    /// <summary>Refuses a module left in training mode: dropout would make every decode of the same input differ.</summary>
    public static void CheckModel(IStepDecoder model, string caller)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model is nn.Module { training: true })
            throw new InvalidOperationException($"{caller}: {model.GetType().Name} is in training mode (dropout active); call model.eval() before decoding.");
    }

    /// <summary>The step limit of each sentence: <see cref="DecodeOptions.LimitFor"/> of its non-pad length.</summary>
    public static int[] Limits(Tensor srcIds, DecodeOptions options)
    {
        using var scope = torch.NewDisposeScope();
        var lengths = srcIds.ne(SpecialTokens.Pad).sum(1).cpu().data<long>().ToArray();   // [B]
        return lengths.Select(n => options.LimitFor((int)n)).ToArray();
    }

    /// <summary>Checks that a step returned log-probabilities [rows, V] in floating point.</summary>
    public static void CheckStep(Tensor logProbs, long rows, IStepDecoder model)
    {
        if (logProbs.dim() != 2 || logProbs.shape[0] != rows || logProbs.shape[1] < 1)
            throw new InvalidOperationException($"{model.GetType().Name}.Step returned log-probs of shape [{string.Join(", ", logProbs.shape)}]; expected [{rows}, V].");
        if (!logProbs.is_floating_point())
            throw new InvalidOperationException($"{model.GetType().Name}.Step returned {logProbs.dtype} log-probs; expected a floating-point tensor.");
    }

    /// <summary>Disposes every tensor created in <paramref name="scope"/> except <paramref name="keep"/>.
    /// Tensors owned elsewhere (the caller's srcIds, model buffers a state may reference) are left out of the
    /// keep list: <c>DisposeEverythingBut</c> would otherwise adopt them and dispose them with the scope.</summary>
    public static void KeepOnly(DisposeScope scope, IEnumerable<Tensor> keep) =>
        scope.DisposeEverythingBut(keep.Where(t => scope.Contains(t)).Cast<IDisposable>().ToList());
}
