using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Layers;

/// <summary>Learned absolute positions (Gehring et al. 2017; compared with sinusoids in Vaswani et al. 2017,
/// Table 3 row E): one trained D-vector per position, added to the embeddings, then dropout.
/// Same interface as <see cref="PositionalEncoding"/>.</summary>
public sealed class LearnedPositionalEncoding : nn.Module<Tensor, long, Tensor>
{
    private readonly Embedding positions;
    private readonly FastDropout dropout;
    private readonly long maxLength;

    /// <param name="dModel">D</param> <param name="maxLength">Number of trained positions.</param>
    /// <param name="dropout">Dropout applied to the sum.</param>
    public LearnedPositionalEncoding(long dModel, long maxLength, double dropout = 0.0) : base(nameof(LearnedPositionalEncoding))
    {
        if (maxLength < 1) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "LearnedPositionalEncoding: maxLength must be ≥ 1.");
        this.maxLength = maxLength;
        positions = nn.Embedding(maxLength, dModel);
        using (torch.no_grad()) nn.init.normal_(positions.weight!, 0.0, 0.02);
        this.dropout = new FastDropout(dropout);
        RegisterComponents();
    }

    /// <param name="x">[B, T, D]</param> <param name="start">Position of x's first row.</param> <returns>[B, T, D]</returns>
    public override Tensor forward(Tensor x, long start)
    {
        long length = x.shape[1];
        if (start < 0 || start + length > maxLength)
            throw new ArgumentOutOfRangeException(nameof(x), $"LearnedPositionalEncoding: positions {start}..{start + length - 1} exceed maxLength {maxLength}; raise TransformerConfig.MaxLength.");
        var table = positions.weight!.narrow(0, start, length);                                         // [T, D]
        return dropout.forward(x.add(table));                                                            // [B, T, D]
    }
}
