using Seq2Seq.Attention;

namespace Seq2Seq.Recurrent;

/// <summary>Sizes and choices of a GRU encoder–decoder. Vocabulary sizes come from the data, not from here.</summary>
/// <param name="EmbeddingDim">E, token embedding size (encoder and decoder).</param>
/// <param name="HiddenSize">Hd: the decoder state size and the encoder output size. The bidirectional encoder
/// gives each direction Hd/2 (as OpenNMT's "brnn"), so every attention score, dot included, sees equal sizes.</param>
/// <param name="AttentionDim">A, hidden size of the additive (and Luong concat) score.</param>
/// <param name="Attention">Which decoder: none (the bottleneck baseline), Bahdanau or Luong.</param>
/// <param name="Score">Luong score function (ignored by the other decoders).</param>
/// <param name="InputFeeding">Luong §3.3: feed the previous attentional state h̃ₜ₋₁ into the next step.</param>
/// <param name="Dropout">Dropout on embeddings and before the output layer (0 = off).</param>
public sealed record RnnConfig(
    int EmbeddingDim = 256,
    int HiddenSize = 512,
    int AttentionDim = 512,
    RnnAttention Attention = RnnAttention.Bahdanau,
    LuongScore Score = LuongScore.General,
    bool InputFeeding = true,
    double Dropout = 0.3)
{
    /// <summary>Multi30k-sized: 17.9M parameters with two 8,000-token vocabularies (bentrevett's attention GRU has 20.5M).</summary>
    public static RnnConfig Base { get; } = new();

    /// <summary>For tests and CPU demos on toy tasks (copy, reverse): trains in seconds.</summary>
    public static RnnConfig Tiny { get; } = new(EmbeddingDim: 32, HiddenSize: 64, AttentionDim: 64, Dropout: 0.0);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public RnnConfig Validate()
    {
        if (EmbeddingDim <= 0) throw new ArgumentException($"RnnConfig.{nameof(EmbeddingDim)} must be positive, got {EmbeddingDim}.");
        if (HiddenSize <= 0 || HiddenSize % 2 != 0)
            throw new ArgumentException($"RnnConfig.{nameof(HiddenSize)} must be positive and even (split over two directions), got {HiddenSize}.");
        if (AttentionDim <= 0) throw new ArgumentException($"RnnConfig.{nameof(AttentionDim)} must be positive, got {AttentionDim}.");
        if (!Enum.IsDefined(Attention)) throw new ArgumentException($"RnnConfig.{nameof(Attention)} = {(int)Attention} is not a known kind.");
        if (!Enum.IsDefined(Score)) throw new ArgumentException($"RnnConfig.{nameof(Score)} = {(int)Score} is not a known score.");
        if (Dropout is < 0 or >= 1 || double.IsNaN(Dropout))
            throw new ArgumentException($"RnnConfig.{nameof(Dropout)} must be in [0, 1), got {Dropout}.");
        return this;
    }
}
