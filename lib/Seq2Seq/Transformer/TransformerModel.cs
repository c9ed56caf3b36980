using Seq2Seq.Attention;
using Seq2Seq.Layers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Transformer;

/// <summary>The Transformer translator (Vaswani et al. 2017): embeddings + positions → encoder → decoder →
/// output projection. Batch-first; masks are derived from the pad id. Training uses <see cref="Logits"/>;
/// decoding uses <see cref="Start(Tensor)"/>/<see cref="Step"/> (TransformerModel.Decoding.cs), with or without
/// the key/value cache; <see cref="ForwardWithAttention"/> returns every attention map for plotting.</summary>
public sealed partial class TransformerModel : nn.Module<Tensor, Tensor, Tensor>, ISeq2SeqModel, IProjectedOutput
{
    private readonly TokenEmbedding src_embed;
    private readonly TokenEmbedding? tgt_embed;        // null when ShareEmbeddings: src_embed serves both
    private readonly nn.Module<Tensor, long, Tensor> src_pos, tgt_pos;
    private readonly Encoder encoder;
    private readonly Decoder decoder;
    private readonly Linear? generator;                // null when TieOutput: logits = h · Eᵀ

    /// <summary>Builds the model; throws if <paramref name="config"/> is inconsistent (see <see cref="TransformerConfig.Validate"/>).</summary>
    public TransformerModel(TransformerConfig config) : base(nameof(TransformerModel))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        var (d, drop, pre) = (config.DModel, config.Dropout, config.PreNorm);
        src_embed = new TokenEmbedding(config.SourceVocabSize, d);
        tgt_embed = config.ShareEmbeddings ? null : new TokenEmbedding(config.TargetVocabSize, d);
        (src_pos, tgt_pos) = (Positions(config), Positions(config));
        encoder = new Encoder(config.EncoderLayers, d, config.Heads, config.FeedForward, drop, pre);
        decoder = new Decoder(config.DecoderLayers, d, config.Heads, config.FeedForward, drop, pre);
        generator = config.TieOutput ? null : nn.Linear(d, config.TargetVocabSize);
        RegisterComponents();
        InitializeWeights();
    }

    /// <summary>The configuration this model was built from.</summary>
    public TransformerConfig Config { get; }

    /// <summary>Default for <see cref="Start(Tensor)"/>: decode with the key/value cache (true) or by
    /// recomputing the decoder over the whole prefix at every step (false; for comparison and benchmarks).</summary>
    public bool UseKvCache { get; set; } = true;

    /// <summary>Number of trainable parameters (shared matrices counted once).</summary>
    public long ParameterCount => parameters().Select(p => p.numel()).Sum();

    /// <inheritdoc/>
    /// <param name="srcIds">[B, S] int64, pad = 0</param> <param name="tgtIn">[B, T] int64 (BOS + target), pad = 0</param>
    /// <returns>[B, T, V] unnormalised scores</returns>
    public Tensor Logits(Tensor srcIds, Tensor tgtIn) => forward(srcIds, tgtIn);

    /// <inheritdoc cref="Logits"/>
    public override Tensor forward(Tensor srcIds, Tensor tgtIn) => Project(DecoderStates(srcIds, tgtIn));   // [B, T, V]

    /// <inheritdoc/>
    public Tensor DecoderStates(Tensor srcIds, Tensor tgtIn)
    {
        var (memory, srcMask) = Encode(srcIds);
        return DecodeHidden(tgtIn, memory, srcMask, needWeights: false).Output;                    // [B, T, D]
    }

    /// <summary>Teacher-forced logits plus every layer's attention weights (explicit attention path).</summary>
    /// <returns>Logits [B, T, V]; maps [L][B, H, ·, ·] (see <see cref="AttentionMaps"/>).</returns>
    public (Tensor Logits, AttentionMaps Attention) ForwardWithAttention(Tensor srcIds, Tensor tgtIn)
    {
        CheckIds(srcIds, nameof(srcIds));
        var srcMask = Masks.Padding(srcIds);                                                       // [B, 1, 1, S]
        var (memory, encoderSelf) = encoder.Forward(src_pos.forward(src_embed.forward(srcIds), 0), srcMask, needWeights: true);
        var (hidden, decoderSelf, decoderCross) = DecodeHidden(tgtIn, memory, srcMask, needWeights: true);
        return (Project(hidden), new AttentionMaps(encoderSelf, decoderSelf, decoderCross));
    }

    /// <summary>Runs the encoder. srcIds: [B, S] → Memory [B, S, D] and SrcMask [B, 1, 1, S] (true = real token).</summary>
    public (Tensor Memory, Tensor SrcMask) Encode(Tensor srcIds)
    {
        CheckIds(srcIds, nameof(srcIds));
        var srcMask = Masks.Padding(srcIds);                                                       // [B, 1, 1, S]
        return (encoder.forward(src_pos.forward(src_embed.forward(srcIds), 0), srcMask), srcMask);
    }

    // Decoder self-attention uses the causal mask alone: padding sits only at the tail of tgtIn, so the causal
    // mask already hides it from every real position, and outputs at pad positions are ignored by the loss.
    private (Tensor Output, IReadOnlyList<Tensor> Self, IReadOnlyList<Tensor> Cross) DecodeHidden(
        Tensor tgtIds, Tensor memory, Tensor srcMask, bool needWeights)
    {
        CheckIds(tgtIds, nameof(tgtIds));
        if (tgtIds.shape[0] != memory.shape[0])
            throw new ArgumentException($"TransformerModel: target batch {tgtIds.shape[0]} ≠ source batch {memory.shape[0]}.");
        var x = tgt_pos.forward(TargetEmbedding.forward(tgtIds), 0);                                // [B, T, D]
        return decoder.Forward(x, memory, srcMask, Masks.Causal(tgtIds.shape[1], tgtIds.device), needWeights);
    }

    private TokenEmbedding TargetEmbedding => tgt_embed ?? src_embed;

    /// <summary>Output projection: [..., D] → [..., V].</summary>
    public Tensor Project(Tensor hidden) =>
        generator is null ? nn.functional.linear(hidden, TargetEmbedding.Weight) : generator.forward(hidden);

    private static nn.Module<Tensor, long, Tensor> Positions(TransformerConfig c) => c.Positions switch
    {
        PositionalEncodingKind.Learned => new LearnedPositionalEncoding(c.DModel, c.MaxLength, c.Dropout),
        PositionalEncodingKind.None => new NoPositionalEncoding(c.MaxLength, c.Dropout),
        _ => new PositionalEncoding(c.DModel, c.MaxLength, c.Dropout),
    };

    // Xavier-uniform for every matrix of the encoder, decoder and output layer (as in the annotated Transformer
    // and PyTorch's nn.Transformer); embeddings keep their own N(0, 1/D) initialisation.
    private void InitializeWeights()
    {
        using var _ = torch.no_grad();
        var matrices = encoder.parameters().Concat(decoder.parameters()).Concat(generator?.parameters() ?? []);
        foreach (var p in matrices.Where(p => p.dim() > 1)) nn.init.xavier_uniform_(p);
    }

    private static void CheckIds(Tensor ids, string name)
    {
        if (ids.dim() != 2 || ids.dtype != ScalarType.Int64)
            throw new ArgumentException($"TransformerModel: {name} must be [B, L] int64, got [{string.Join(", ", ids.shape)}] {ids.dtype}.", name);
    }
}
