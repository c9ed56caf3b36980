using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Layers;

/// <summary>Sinusoidal positional encoding (Vaswani et al. 2017, §3.5):
/// PE(pos, 2i) = sin(pos / 10000^(2i/D)), PE(pos, 2i+1) = cos(pos / 10000^(2i/D)), added to the embeddings,
/// then dropout. The table is computed once in the constructor and kept as the buffer <c>pe</c>.
/// The second argument is the position of the first row of x (non-zero in incremental decoding).</summary>
public sealed class PositionalEncoding : nn.Module<Tensor, long, Tensor>
{
    private Tensor pe;                      // [1, L, D]; not readonly: .to(device) reassigns buffers
    private readonly FastDropout dropout;
    private readonly long maxLength;

    /// <param name="dModel">D (even)</param> <param name="maxLength">Longest sequence supported.</param>
    /// <param name="dropout">Dropout applied to the sum.</param>
    public PositionalEncoding(long dModel, long maxLength, double dropout = 0.0) : base(nameof(PositionalEncoding))
    {
        if (dModel % 2 != 0) throw new ArgumentException($"PositionalEncoding: dModel ({dModel}) must be even (sin/cos pairs).");
        if (maxLength < 1) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "PositionalEncoding: maxLength must be ≥ 1.");
        this.maxLength = maxLength;
        using (torch.no_grad())
        using (torch.NewDisposeScope())                // frees the temporaries; pe is detached to live on
        {
            var position = torch.arange(maxLength, dtype: ScalarType.Float32).unsqueeze(1);            // [L, 1]
            var divTerm = torch.exp(torch.arange(0, dModel, 2, dtype: ScalarType.Float32)
                                         .mul(-Math.Log(10000.0) / dModel));                         // [D/2]
            var angles = position.mul(divTerm);                                                        // [L, D/2]
            // Interleave: column 2i = sin, column 2i+1 = cos.
            pe = torch.stack([angles.sin(), angles.cos()], 2).reshape(1, maxLength, dModel)            // [1, L, D]
                      .DetachFromDisposeScope();
        }
        this.dropout = new FastDropout(dropout);
        RegisterComponents();
    }

    /// <param name="x">[B, T, D] scaled token embeddings</param> <param name="start">Position of x's first row.</param>
    /// <returns>[B, T, D]</returns>
    public override Tensor forward(Tensor x, long start)
    {
        long length = x.shape[1];
        if (start < 0 || start + length > maxLength)
            throw new ArgumentOutOfRangeException(nameof(x), $"PositionalEncoding: positions {start}..{start + length - 1} exceed maxLength {maxLength}; raise TransformerConfig.MaxLength.");
        return dropout.forward(x.add(pe.narrow(1, start, length)));                                    // [B, T, D]
    }
}
