using Seq2Seq.Layers;
using Seq2Seq.Attention;
using Seq2Seq.Text;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Seq2Seq.Recurrent;

/// <summary>Luong et al. 2015 (§3, Eq. 5–8): update the state first, then attend with the <em>current</em> one.
/// hₜ = GRU(x, hₜ₋₁) with x = [yₜ₋₁; h̃ₜ₋₁] under input feeding (§3.3) or yₜ₋₁; cₜ = Σ αₜₛ h̄ₛ;
/// h̃ₜ = tanh(W_c [cₜ; hₜ]) (Eq. 5); logits = W_s h̃ₜ (Eq. 6).</summary>
public sealed class LuongGruDecoder : GruDecoder
{
    private readonly Embedding embedding;
    private readonly FastDropout dropout;
    private readonly GRUCell rnn;
    private readonly LuongAttention attention;
    private readonly Linear combine, output;
    private readonly bool inputFeeding;
    private readonly long hiddenSize;

    /// <param name="vocabSize">V, target vocabulary size.</param>
    /// <param name="embeddingDim">E.</param>
    /// <param name="hiddenSize">Hd, decoder state size = encoder output size.</param>
    /// <param name="score">dot, general or concat (Eq. 8).</param>
    /// <param name="attentionDim">A, for the concat score.</param>
    /// <param name="inputFeeding">feed h̃ₜ₋₁ into step t (§3.3).</param>
    /// <param name="dropout">on embeddings and before the read-out.</param>
    public LuongGruDecoder(long vocabSize, long embeddingDim, long hiddenSize, LuongScore score, long attentionDim,
        bool inputFeeding = true, double dropout = 0.0) : base(nameof(LuongGruDecoder))
    {
        (this.inputFeeding, this.hiddenSize) = (inputFeeding, hiddenSize);
        embedding = Embedding(vocabSize, embeddingDim, padding_idx: SpecialTokens.Pad);
        this.dropout = new FastDropout(dropout);
        rnn = GRUCell(embeddingDim + (inputFeeding ? hiddenSize : 0), hiddenSize);
        attention = new LuongAttention(score, hiddenSize, hiddenSize, attentionDim);
        combine = Linear(2 * hiddenSize, hiddenSize, hasBias: false);
        output = Linear(hiddenSize, vocabSize);
        RegisterComponents();
    }

    public override Tensor? InitialFeed(GruMemory memory) =>
        inputFeeding ? zeros(memory.Final.shape[0], hiddenSize, dtype: memory.Final.dtype, device: memory.Final.device) : null;

    public override GruStep Step(Tensor tokens, Tensor hidden, Tensor? feed, GruMemory memory)
    {
        var y = dropout.forward(embedding.forward(tokens));                     // [B, E]
        if (inputFeeding && feed is null) throw new ArgumentException("LuongGruDecoder: input feeding needs the previous h̃ (see InitialFeed).", nameof(feed));
        var h = rnn.forward(inputFeeding ? cat([y, feed!], -1) : y, hidden);    // [B, Hd]
        var (c, weights) = attention.forward(h, memory.Keys, memory.Outputs, memory.Mask);   // [B, Hd], [B, S]
        var attentional = combine.forward(cat([c, h], -1)).tanh();              // h̃ₜ: [B, Hd]
        var logits = output.forward(dropout.forward(attentional));              // [B, V]
        return new GruStep(logits, h, inputFeeding ? attentional : null, weights);
    }
}
