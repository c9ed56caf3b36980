using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Data;

/// <summary>A padded batch as plain .NET arrays (no tensors, so batches can be built, shuffled and stored
/// freely). Rows are sentences; <see cref="Text.SpecialTokens.Pad"/> fills the tail of shorter rows.
/// <c>TgtIn</c> = BOS + target, <c>TgtOut</c> = target + EOS (teacher forcing: predict TgtOut from TgtIn).</summary>
/// <param name="Src">[B, S] source ids, EOS-terminated, padded.</param>
/// <param name="TgtIn">[B, T] decoder input ids, BOS-initial, padded.</param>
/// <param name="TgtOut">[B, T] decoder target ids, EOS-terminated, padded.</param>
/// <param name="Indices">Position of each row in the corpus it came from (to restore order after bucketing).</param>
public sealed record Batch(long[,] Src, long[,] TgtIn, long[,] TgtOut, int[] Indices)
{
    public int Size => Src.GetLength(0);

    /// <summary>Number of real (non-pad) target tokens: the unit of tokens/s and of the loss average.</summary>
    public int TargetTokens
    {
        get
        {
            int n = 0;
            foreach (var id in TgtOut) if (id != Text.SpecialTokens.Pad) n++;
            return n;
        }
    }

    /// <summary>Tensors for one training or evaluation step. Create them inside the step's dispose scope.</summary>
    public (Tensor Src, Tensor TgtIn, Tensor TgtOut) ToTensors(Device device) =>
        (torch.tensor(Src, device: device), torch.tensor(TgtIn, device: device), torch.tensor(TgtOut, device: device));
}
