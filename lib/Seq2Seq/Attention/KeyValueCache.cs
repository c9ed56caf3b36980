using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Attention;

/// <summary>Keys and values already projected by W^K / W^V and split into heads, so incremental decoding
/// projects each position once. Decoder self-attention appends one position per step; cross-attention computes
/// the source's K/V once. Passed in and returned explicitly, never stored in a module.</summary>
/// <param name="Keys">[B, H, S, Dh]</param>
/// <param name="Values">[B, H, S, Dh]</param>
public sealed record KeyValueCache(Tensor Keys, Tensor Values)
{
    /// <summary>Number of cached positions (S).</summary>
    public long Length => Keys.shape[2];

    /// <summary>Rows <c>index</c> of the batch (beam search). index: [B'] int64.</summary>
    public KeyValueCache Select(Tensor index) => new(Keys.index_select(0, index), Values.index_select(0, index));

    /// <summary>This cache followed by <paramref name="next"/> along the position axis.</summary>
    public KeyValueCache Append(KeyValueCache next) =>
        new(torch.cat([Keys, next.Keys], 2), torch.cat([Values, next.Values], 2));             // [B, H, S+1, Dh]
}
