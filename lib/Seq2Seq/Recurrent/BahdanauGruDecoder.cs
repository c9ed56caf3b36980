using Seq2Seq.Layers;
using Seq2Seq.Attention;
using Seq2Seq.Text;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Seq2Seq.Recurrent;

/// <summary>Bahdanau et al. 2015 (§3.1): attend with the <em>previous</em> state, then update it.
/// cₜ = Σⱼ αₜⱼ hⱼ with α = softmax(vᵀ tanh(W sₜ₋₁ + U hⱼ)); sₜ = GRU([yₜ₋₁; cₜ], sₜ₋₁);
/// logits = W_o [sₜ; cₜ; yₜ₋₁] (a linear read-out instead of the paper's maxout).</summary>
public sealed class BahdanauGruDecoder : GruDecoder
{
    private readonly Embedding embedding;
    private readonly FastDropout dropout;
    private readonly AdditiveAttention attention;
    private readonly GRUCell rnn;
    private readonly Linear output;

    /// <param name="vocabSize">V, target vocabulary size.</param>
    /// <param name="embeddingDim">E.</param>
    /// <param name="hiddenSize">Hd, decoder state size = encoder output size.</param>
    /// <param name="attentionDim">A, hidden size of the alignment model.</param>
    /// <param name="dropout">on embeddings and before the read-out.</param>
    public BahdanauGruDecoder(long vocabSize, long embeddingDim, long hiddenSize, long attentionDim, double dropout = 0.0)
        : base(nameof(BahdanauGruDecoder))
    {
        embedding = Embedding(vocabSize, embeddingDim, padding_idx: SpecialTokens.Pad);
        this.dropout = new FastDropout(dropout);
        attention = new AdditiveAttention(hiddenSize, hiddenSize, attentionDim);
        rnn = GRUCell(embeddingDim + hiddenSize, hiddenSize);
        output = Linear(hiddenSize + hiddenSize + embeddingDim, vocabSize);
        RegisterComponents();
    }

    /// <summary>Projects the keys once per sentence (U hⱼ does not depend on the step).</summary>
    public override GruMemory Prepare(Tensor outputs, Tensor final, Tensor mask) =>
        new(outputs.alias(), attention.ProjectKeys(outputs), mask.alias(), final.alias());

    public override GruStep Step(Tensor tokens, Tensor hidden, Tensor? feed, GruMemory memory)
    {
        var y = dropout.forward(embedding.forward(tokens));                     // [B, E]
        var (c, weights) = attention.forward(hidden, memory.Keys, memory.Outputs, memory.Mask);   // [B, Hd], [B, S]
        var h = rnn.forward(cat([y, c], -1), hidden);                           // [B, Hd]
        var logits = output.forward(dropout.forward(cat([h, c, y], -1)));       // [B, V]
        return new GruStep(logits, h, null, weights);
    }
}
