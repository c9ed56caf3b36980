using Seq2Seq.Decoding;
using Seq2Seq.Text;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Seq2Seq.Recurrent;

/// <summary>GRU encoder–decoder: <see cref="GruEncoder"/> plus the decoder chosen by <see cref="RnnConfig.Attention"/>.
/// Padding masks come from <see cref="SpecialTokens.Pad"/>. <c>forward</c> = teacher-forced logits.</summary>
public sealed class RnnSeq2Seq : Module<Tensor, Tensor, Tensor>, ISeq2SeqModel
{
    private readonly GruEncoder encoder;
    private readonly GruDecoder decoder;

    public RnnConfig Config { get; }

    public RnnSeq2Seq(RnnConfig config, long srcVocab, long tgtVocab) : base(nameof(RnnSeq2Seq))
    {
        Config = config.Validate();
        if (srcVocab <= SpecialTokens.All.Count || tgtVocab <= SpecialTokens.All.Count)
            throw new ArgumentException($"RnnSeq2Seq: vocabularies must hold more than the 4 special tokens (src {srcVocab}, tgt {tgtVocab}).");
        var (e, h, a, p) = (config.EmbeddingDim, config.HiddenSize, config.AttentionDim, config.Dropout);
        encoder = new GruEncoder(srcVocab, e, h, h, p);
        decoder = config.Attention switch
        {
            RnnAttention.None => new BaselineGruDecoder(tgtVocab, e, h, p),
            RnnAttention.Bahdanau => new BahdanauGruDecoder(tgtVocab, e, h, a, p),
            _ => new LuongGruDecoder(tgtVocab, e, h, config.Score, a, config.InputFeeding, p),
        };
        RegisterComponents();
    }

    /// <summary>Teacher-forced logits: srcIds [B, S], tgtIn [B, T] → [B, T, V].</summary>
    public override Tensor forward(Tensor srcIds, Tensor tgtIn) => Forward(srcIds, tgtIn, 1.0).Logits;

    public Tensor Logits(Tensor srcIds, Tensor tgtIn) => forward(srcIds, tgtIn);

    /// <summary>Runs the decoder over tgtIn [B, T] (BOS first). At each step after the first, each row is fed its
    /// reference token with probability <paramref name="teacherForcing"/> and otherwise the model's own argmax of the
    /// previous step (1.0 = full teacher forcing, 0.0 = free running). Draws use torch's generator (manual_seed).</summary>
    /// <returns>Logits [B, T, V]; Weights [B, T, S] (attention of every step), null for the baseline.</returns>
    public (Tensor Logits, Tensor? Weights) Forward(Tensor srcIds, Tensor tgtIn, double teacherForcing = 1.0)
    {
        if (teacherForcing is < 0 or > 1 || double.IsNaN(teacherForcing))
            throw new ArgumentOutOfRangeException(nameof(teacherForcing), teacherForcing, "RnnSeq2Seq: the teacher-forcing ratio must be in [0, 1].");
        if (tgtIn.dim() != 2 || tgtIn.shape[0] != srcIds.shape[0] || tgtIn.shape[1] == 0)
            throw new ArgumentException($"RnnSeq2Seq: tgtIn must be [B, T] with B = {srcIds.shape[0]} and T > 0, got [{string.Join(", ", tgtIn.shape)}].", nameof(tgtIn));
        var state = (RnnDecoderState)Start(srcIds);
        var (logits, weights) = (new List<Tensor>(), new List<Tensor>());
        var tokens = tgtIn[.., 0];                                              // [B]
        for (long t = 0; t < tgtIn.shape[1]; t++)
        {
            var step = decoder.Step(tokens, state.Hidden, state.Feed, state.Memory);
            logits.Add(step.Logits);
            if (step.Weights is not null) weights.Add(step.Weights);
            state = state with { Hidden = step.Hidden, Feed = step.Feed };
            if (t + 1 < tgtIn.shape[1]) tokens = NextInput(tgtIn[.., t + 1], step.Logits, teacherForcing);
        }
        return (stack(logits, 1), weights.Count == 0 ? null : stack(weights, 1));   // [B, T, V], [B, T, S]
    }

    /// <summary>The attention weights [B, T, S] the decoder used for tgtIn (pass BOS + a decoded sentence to see
    /// what it looked at while producing it; row b, cut to its lengths, is the [T, S] heatmap).</summary>
    public Tensor AttentionWeights(Tensor srcIds, Tensor tgtIn) =>
        Forward(srcIds, tgtIn).Weights ?? throw new InvalidOperationException("RnnSeq2Seq: the no-attention baseline has no attention weights.");

    public IDecoderState Start(Tensor srcIds)
    {
        var (outputs, final) = encoder.forward(srcIds);                         // [B, S, Hd], [B, Hd]
        var memory = decoder.Prepare(outputs, final, srcIds.ne(SpecialTokens.Pad));
        return new RnnDecoderState(memory, final, decoder.InitialFeed(memory), null);
    }

    public (Tensor LogProbs, IDecoderState State) Step(Tensor lastTokens, IDecoderState state)
    {
        if (state is not RnnDecoderState s)
            throw new ArgumentException($"RnnSeq2Seq.Step: expected the state returned by Start/Step, got {state.GetType().Name}.", nameof(state));
        var step = decoder.Step(lastTokens, s.Hidden, s.Feed, s.Memory);
        return (functional.log_softmax(step.Logits, -1), new RnnDecoderState(s.Memory, step.Hidden, step.Feed, step.Weights));
    }

    private static Tensor NextInput(Tensor reference, Tensor logits, double teacherForcing)
    {
        if (teacherForcing >= 1.0) return reference;
        var own = logits.argmax(-1);                                            // [B]
        if (teacherForcing <= 0.0) return own;
        var teach = rand(reference.shape[0], device: reference.device).lt(teacherForcing);   // [B] bool
        return where(teach, reference, own);
    }
}
