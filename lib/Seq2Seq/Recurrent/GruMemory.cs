using static TorchSharp.torch;

namespace Seq2Seq.Recurrent;

/// <summary>What a GRU decoder reads from the encoder at every step; fixed for the whole sentence.</summary>
/// <param name="Outputs">[B, S, Hd] encoder outputs (the attention values; zero at padding).</param>
/// <param name="Keys">[B, S, *] what the scores compare against: Bahdanau's projected keys [B, S, A], else Outputs.</param>
/// <param name="Mask">[B, S] bool, true = real source token (may attend).</param>
/// <param name="Final">[B, Hd] bridged final encoder state (the baseline's only view of the source).</param>
public sealed record GruMemory(Tensor Outputs, Tensor Keys, Tensor Mask, Tensor Final)
{
    /// <summary>Rows <c>index</c> [B'] (int64) of every tensor: beam search expands and reorders sentences.</summary>
    public GruMemory Select(Tensor index) => new(Outputs.index_select(0, index), Keys.index_select(0, index),
        Mask.index_select(0, index), Final.index_select(0, index));

    /// <summary>Every tensor held, for <c>DisposeEverythingBut</c>.</summary>
    public IEnumerable<Tensor> Tensors => [Outputs, Keys, Mask, Final];
}
