using Seq2Seq.Layers;
using Seq2Seq.Text;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Seq2Seq.Recurrent;

/// <summary>The bottleneck baseline (Cho et al. 2014, §2.2): no attention. The only view of the source is the
/// fixed context c = the final encoder state, fed to every step and to the output layer:
/// sₜ = GRU([yₜ₋₁; c], sₜ₋₁), logits = W_o [sₜ; yₜ₋₁; c]. Long sentences must fit in one vector.</summary>
public sealed class BaselineGruDecoder : GruDecoder
{
    private readonly Embedding embedding;
    private readonly FastDropout dropout;
    private readonly GRUCell rnn;
    private readonly Linear output;

    public BaselineGruDecoder(long vocabSize, long embeddingDim, long hiddenSize, double dropout = 0.0)
        : base(nameof(BaselineGruDecoder))
    {
        embedding = Embedding(vocabSize, embeddingDim, padding_idx: SpecialTokens.Pad);
        this.dropout = new FastDropout(dropout);
        rnn = GRUCell(embeddingDim + hiddenSize, hiddenSize);
        output = Linear(hiddenSize + embeddingDim + hiddenSize, vocabSize);
        RegisterComponents();
    }

    public override GruStep Step(Tensor tokens, Tensor hidden, Tensor? feed, GruMemory memory)
    {
        var y = dropout.forward(embedding.forward(tokens));                     // [B, E]
        var c = memory.Final;                                                   // [B, Hd]
        var h = rnn.forward(cat([y, c], -1), hidden);                           // [B, Hd]
        var logits = output.forward(dropout.forward(cat([h, y, c], -1)));       // [B, V]
        return new GruStep(logits, h, null, null);
    }
}
