using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Layers;

/// <summary>No positional information at all: the embeddings pass through unchanged (then dropout), so the
/// encoder sees a bag of tokens. Self-attention is permutation-equivariant (Vaswani et al. 2017, §3.5: "since our
/// model contains no recurrence and no convolution … we must inject some information about the relative or
/// absolute position"); this module exists to show what goes wrong without that. Same interface as
/// <see cref="PositionalEncoding"/>, no parameters and no buffers.</summary>
public sealed class NoPositionalEncoding : nn.Module<Tensor, long, Tensor>
{
    private readonly FastDropout dropout;
    private readonly long maxLength;

    /// <param name="maxLength">Longest sequence accepted (kept so every position module has the same limits).</param>
    /// <param name="dropout">Dropout applied to the embeddings.</param>
    public NoPositionalEncoding(long maxLength, double dropout = 0.0) : base(nameof(NoPositionalEncoding))
    {
        if (maxLength < 1) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "NoPositionalEncoding: maxLength must be ≥ 1.");
        this.maxLength = maxLength;
        this.dropout = new FastDropout(dropout);
        RegisterComponents();
    }

    /// <param name="x">[B, T, D]</param> <param name="start">Position of x's first row (only checked).</param>
    /// <returns>[B, T, D]: dropout(x), no position added.</returns>
    public override Tensor forward(Tensor x, long start)
    {
        long length = x.shape[1];
        if (start < 0 || start + length > maxLength)
            throw new ArgumentOutOfRangeException(nameof(x), $"NoPositionalEncoding: positions {start}..{start + length - 1} exceed maxLength {maxLength}; raise TransformerConfig.MaxLength.");
        return dropout.forward(x);                                                                     // [B, T, D]
    }
}
