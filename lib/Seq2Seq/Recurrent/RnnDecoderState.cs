using Seq2Seq.Decoding;
using static TorchSharp.torch;

namespace Seq2Seq.Recurrent;

/// <summary>The decoding state of <see cref="RnnSeq2Seq"/>: encoder memory, GRU state, Luong's input-feeding
/// vector and the attention weights of the step that produced this state (for plots during decoding).</summary>
/// <param name="Memory">fixed per sentence.</param>
/// <param name="Hidden">[B, Hd].</param>
/// <param name="Feed">[B, Hd] or null.</param>
/// <param name="Weights">[B, S] of the last step, or null (before the first step, or no attention).</param>
public sealed record RnnDecoderState(GruMemory Memory, Tensor Hidden, Tensor? Feed, Tensor? Weights) : IDecoderState
{
    /// <summary>Rows <c>index</c> [B'] (int64) of everything: hidden state, encoder outputs, mask, feed, weights.</summary>
    public IDecoderState Select(Tensor index) => new RnnDecoderState(Memory.Select(index), Hidden.index_select(0, index),
        Feed?.index_select(0, index), Weights?.index_select(0, index));

    public IEnumerable<Tensor> Tensors
    {
        get
        {
            foreach (var t in Memory.Tensors) yield return t;
            yield return Hidden;
            if (Feed is not null) yield return Feed;
            if (Weights is not null) yield return Weights;
        }
    }
}
