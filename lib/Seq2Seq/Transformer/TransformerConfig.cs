using Seq2Seq.Layers;
using Seq2Seq.Text;

namespace Seq2Seq.Transformer;

/// <summary>Every hyper-parameter of <see cref="TransformerModel"/>. The defaults are the paper's base model
/// (Vaswani et al. 2017, Table 3); vocabulary sizes come from the data: <c>TransformerConfig.Small.WithVocab(v, v)</c>.
/// Saved as JSON beside each checkpoint (<see cref="ModelStore"/>).</summary>
public sealed record TransformerConfig
{
    /// <summary>Source vocabulary size (including the special tokens).</summary>
    public int SourceVocabSize { get; init; }
    /// <summary>Target vocabulary size (including the special tokens).</summary>
    public int TargetVocabSize { get; init; }
    /// <summary>Encoder layers (N in the paper).</summary>
    public int EncoderLayers { get; init; } = 6;
    /// <summary>Decoder layers.</summary>
    public int DecoderLayers { get; init; } = 6;
    /// <summary>D, the model width.</summary>
    public int DModel { get; init; } = 512;
    /// <summary>H, the number of attention heads; must divide D.</summary>
    public int Heads { get; init; } = 8;
    /// <summary>F, the feed-forward hidden width.</summary>
    public int FeedForward { get; init; } = 2048;
    /// <summary>Dropout on embeddings+positions, residual branches, attention weights and FF activations.</summary>
    public double Dropout { get; init; } = 0.1;
    /// <summary>false: post-norm as in the paper; true: pre-norm (+ a final LayerNorm in encoder and decoder).</summary>
    public bool PreNorm { get; init; }
    /// <summary>Sinusoidal (paper) or learned positions.</summary>
    public PositionalEncodingKind Positions { get; init; } = PositionalEncodingKind.Sinusoidal;
    /// <summary>One embedding matrix for source and target (needs a joint vocabulary, as in the paper's BPE).</summary>
    public bool ShareEmbeddings { get; init; }
    /// <summary>The output projection reuses the target embedding matrix (paper §3.4).</summary>
    public bool TieOutput { get; init; } = true;
    /// <summary>Longest source or target sequence (positions table size).</summary>
    public int MaxLength { get; init; } = 256;

    /// <summary>The paper's base model: 6+6 layers, D 512, 8 heads, F 2048, dropout 0.1.</summary>
    public static TransformerConfig Base { get; } = new();

    /// <summary>CPU-friendly: 3+3 layers, D 256, 8 heads, F 1024, dropout 0.1.</summary>
    public static TransformerConfig Small { get; } = new() { EncoderLayers = 3, DecoderLayers = 3, DModel = 256, FeedForward = 1024 };

    /// <summary>For tests and demos: 2+2 layers, D 32, 4 heads, F 64, no dropout, 64 positions.</summary>
    public static TransformerConfig Tiny { get; } = new()
    { EncoderLayers = 2, DecoderLayers = 2, DModel = 32, Heads = 4, FeedForward = 64, Dropout = 0.0, MaxLength = 64 };

    /// <summary>This configuration with the given vocabulary sizes.</summary>
    public TransformerConfig WithVocab(int sourceVocabSize, int targetVocabSize) =>
        this with { SourceVocabSize = sourceVocabSize, TargetVocabSize = targetVocabSize };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent setting.</summary>
    public void Validate()
    {
        int specials = SpecialTokens.All.Count;
        Require(SourceVocabSize > specials, $"{nameof(SourceVocabSize)} ({SourceVocabSize}) must exceed the {specials} special tokens; use WithVocab(...).");
        Require(TargetVocabSize > specials, $"{nameof(TargetVocabSize)} ({TargetVocabSize}) must exceed the {specials} special tokens; use WithVocab(...).");
        Require(EncoderLayers >= 1 && DecoderLayers >= 1, $"{nameof(EncoderLayers)} and {nameof(DecoderLayers)} must be ≥ 1 (got {EncoderLayers}, {DecoderLayers}).");
        Require(Heads >= 1 && DModel % Heads == 0, $"{nameof(DModel)} ({DModel}) must be a multiple of {nameof(Heads)} ({Heads}).");
        Require(DModel % 2 == 0, $"{nameof(DModel)} ({DModel}) must be even (sinusoidal pairs).");
        Require(FeedForward >= 1, $"{nameof(FeedForward)} must be ≥ 1 (got {FeedForward}).");
        Require(Dropout is >= 0.0 and < 1.0, $"{nameof(Dropout)} must be in [0, 1) (got {Dropout}).");
        Require(MaxLength >= 2, $"{nameof(MaxLength)} must be ≥ 2 (got {MaxLength}).");
        Require(!ShareEmbeddings || SourceVocabSize == TargetVocabSize,
            $"{nameof(ShareEmbeddings)} needs one joint vocabulary, but {nameof(SourceVocabSize)} = {SourceVocabSize} and {nameof(TargetVocabSize)} = {TargetVocabSize}.");
        Require(Enum.IsDefined(Positions), $"{nameof(Positions)} has an unknown value ({(int)Positions}).");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new ArgumentException($"TransformerConfig: {message}");
    }
}
