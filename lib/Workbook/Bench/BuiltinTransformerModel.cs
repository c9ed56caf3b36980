using Seq2Seq.Attention;
using Seq2Seq.Layers;
using Seq2Seq.Text;
using Seq2Seq.Transformer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Workbook.Bench;

/// <summary>TorchSharp's built-in <c>torch.nn.Transformer</c> (libtorch's C++ implementation) wrapped in the same
/// embeddings, sinusoidal positions and tied output projection as <see cref="TransformerModel"/>, so that both
/// models do the same work per batch and their training speeds can be compared.</summary>
internal sealed class BuiltinTransformerModel : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly TokenEmbedding src_embed, tgt_embed;
    private readonly PositionalEncoding src_pos, tgt_pos;
    private readonly Transformer transformer;

    public BuiltinTransformerModel(TransformerConfig c) : base(nameof(BuiltinTransformerModel))
    {
        (src_embed, tgt_embed) = (new TokenEmbedding(c.SourceVocabSize, c.DModel), new TokenEmbedding(c.TargetVocabSize, c.DModel));
        (src_pos, tgt_pos) = (new PositionalEncoding(c.DModel, c.MaxLength, c.Dropout), new PositionalEncoding(c.DModel, c.MaxLength, c.Dropout));
        transformer = nn.Transformer(c.DModel, c.Heads, c.EncoderLayers, c.DecoderLayers, c.FeedForward, c.Dropout);
        RegisterComponents();
    }

    /// <param name="srcIds">[B, S] int64, pad = 0</param> <param name="tgtIn">[B, T] int64</param>
    /// <returns>[B, T, V] logits</returns>
    public override Tensor forward(Tensor srcIds, Tensor tgtIn)
    {
        var src = src_pos.forward(src_embed.forward(srcIds), 0).transpose(0, 1);            // [S, B, D] (sequence-first)
        var tgt = tgt_pos.forward(tgt_embed.forward(tgtIn), 0).transpose(0, 1);             // [T, B, D]
        var causal = Masks.ToAdditive(Masks.Causal(tgtIn.shape[1], tgtIn.device)[0, 0]);    // [T, T], -inf = blocked
        // (a bool tgt_mask would be added as 0/1 by TorchSharp 0.107 and let the future leak; see Masks.ToAdditive)
        var srcPadding = srcIds.eq(SpecialTokens.Pad);                                      // [B, S], true = ignore
        var hidden = transformer.call(src, tgt, src_mask: null!, tgt_mask: causal,         // null: no mask (native side)
            src_key_padding_mask: srcPadding, memory_key_padding_mask: srcPadding);         // [T, B, D]
        return nn.functional.linear(hidden.transpose(0, 1), tgt_embed.Weight);              // [B, T, V]
    }
}
