using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Recurrent;

/// <summary>A GRU decoder seen one target token at a time. <see cref="RnnSeq2Seq"/> loops over steps for
/// teacher-forced training and for decoding, so each decoder is written once, as a single step.</summary>
public abstract class GruDecoder : nn.Module
{
    protected GruDecoder(string name) : base(name) { }

    /// <summary>Per-sentence work done once before the first step (e.g. Bahdanau's projected keys).
    /// outputs [B, S, Hd], final [B, Hd], mask [B, S] bool (true = real token).</summary>
    public virtual GruMemory Prepare(Tensor outputs, Tensor final, Tensor mask) =>
        new(outputs.alias(), outputs.alias(), mask.alias(), final.alias());

    /// <summary>The input-feeding vector before the first step ([B, Hd] zeros), or null if unused.</summary>
    public virtual Tensor? InitialFeed(GruMemory memory) => null;

    /// <summary>One step. tokens [B] int64 (the previous target token, BOS first); hidden [B, Hd];
    /// feed [B, Hd] or null (see <see cref="InitialFeed"/>).</summary>
    public abstract GruStep Step(Tensor tokens, Tensor hidden, Tensor? feed, GruMemory memory);
}
