using Seq2Seq.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Training;

/// <summary>Label-smoothed cross-entropy over real (non-pad) target tokens (Szegedy et al. 2016; used by
/// Vaswani et al. 2017, §5.4, with ε = 0.1). The target distribution is (1 − ε)·one-hot + ε/V·uniform, the
/// same definition as PyTorch's <c>cross_entropy(label_smoothing: ε)</c>, so per token
/// loss = (1 − ε)·(−log p_y) + ε·mean_v(−log p_v).
/// Written from <c>log_softmax</c> directly: no <c>log()</c> of a probability (or of a zero target entry,
/// the annotated-transformer KL-divergence bug), so the loss stays finite for any finite logits.</summary>
public sealed class LabelSmoothingLoss : ParameterLessModule<Tensor, Tensor, Tensor>
{
    /// <summary>ε: the probability mass spread uniformly over the vocabulary (0 = plain cross-entropy).</summary>
    public double Smoothing { get; }

    /// <summary>Target id whose positions contribute nothing (default <see cref="SpecialTokens.Pad"/>).</summary>
    public long IgnoreIndex { get; }

    public LabelSmoothingLoss(double smoothing = 0.1, long ignoreIndex = SpecialTokens.Pad) : base(nameof(LabelSmoothingLoss))
    {
        if (!(smoothing >= 0 && smoothing < 1))
            throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "label smoothing ε must be in [0, 1).");
        (Smoothing, IgnoreIndex) = (smoothing, ignoreIndex);
        RegisterComponents();
    }

    /// <summary>Mean loss per real target token (0 when the batch has none).</summary>
    /// <param name="logits">[B, T, V] or [N, V] unnormalised scores.</param>
    /// <param name="targets">[B, T] or [N] int64 ids; positions equal to <see cref="IgnoreIndex"/> are skipped.</param>
    /// <returns>A scalar tensor.</returns>
    public override Tensor forward(Tensor logits, Tensor targets)
    {
        var (sum, count) = SumAndCount(logits, targets);
        return sum / count.clamp_min(1);
    }

    /// <summary>The summed loss and the number of real tokens, for token-weighted averages over many batches.</summary>
    /// <returns>Sum: scalar float; Count: scalar int64.</returns>
    public (Tensor Sum, Tensor Count) SumAndCount(Tensor logits, Tensor targets)
    {
        var v = logits.shape[^1];
        if (targets.numel() * v != logits.numel())
            throw new ArgumentException($"{nameof(LabelSmoothingLoss)}: logits {Shape(logits)} do not match targets {Shape(targets)}; expected logits [..., V] with the targets' shape before V.");
        var logProbs = logits.reshape(-1, v).log_softmax(-1);                   // [N, V]
        var flat = targets.reshape(-1);                                          // [N]
        var real = flat.ne(IgnoreIndex);                                         // [N] true = counts
        var safeTargets = flat.masked_fill(real.logical_not(), 0);               // ignored ids may be out of range
        var nll = -logProbs.gather(1, safeTargets.unsqueeze(1)).squeeze(1);     // [N]
        var perToken = Smoothing == 0 ? nll : (1 - Smoothing) * nll - Smoothing * logProbs.mean([1L]); // [N]
        var sum = perToken.masked_fill(real.logical_not(), 0).sum();
        return (sum, real.sum());
    }

    private static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
}
