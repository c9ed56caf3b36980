using Seq2Seq.Data;
using Seq2Seq.Decoding;
using Seq2Seq.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Training;

/// <summary>A deliberately small model for trainer tests: the source is summarised as the mean of its token
/// embeddings (enough for order-free tasks such as sorting), which initialises a 1-layer GRU decoder.
/// Dropout makes the training step consume torch's RNG, so resume tests prove the RNG is restored.</summary>
internal sealed class TinySeq2Seq : nn.Module<Tensor, Tensor, Tensor>, ISeq2SeqModel
{
    private readonly Embedding src_emb, tgt_emb;
    private readonly GRU gru;
    private readonly Dropout drop;
    private readonly Linear proj;

    public TinySeq2Seq(long vocab, long hidden, double dropout = 0.1) : base(nameof(TinySeq2Seq))
    {
        src_emb = nn.Embedding(vocab, hidden, padding_idx: SpecialTokens.Pad);
        tgt_emb = nn.Embedding(vocab, hidden, padding_idx: SpecialTokens.Pad);
        gru = nn.GRU(hidden, hidden, batchFirst: true);
        drop = nn.Dropout(dropout);
        proj = nn.Linear(hidden, vocab);
        RegisterComponents();
    }

    public override Tensor forward(Tensor srcIds, Tensor tgtIn) => Logits(srcIds, tgtIn);

    public Tensor Logits(Tensor srcIds, Tensor tgtIn)
    {
        var (y, _) = gru.forward(drop.forward(tgt_emb.forward(tgtIn)), Encode(srcIds));   // [B, T, Hd]
        return proj.forward(drop.forward(y));                                               // [B, T, V]
    }

    private Tensor Encode(Tensor srcIds)
    {
        var mask = srcIds.ne(SpecialTokens.Pad).unsqueeze(-1).to_type(ScalarType.Float32);   // [B, S, 1]
        var mean = (src_emb.forward(srcIds) * mask).sum(1) / mask.sum(1).clamp_min(1);      // [B, Hd]
        return mean.tanh().unsqueeze(0);                                                      // [1, B, Hd]
    }

    public IDecoderState Start(Tensor srcIds) => new State(Encode(srcIds));

    public (Tensor LogProbs, IDecoderState State) Step(Tensor lastTokens, IDecoderState state)
    {
        var (y, h) = gru.forward(tgt_emb.forward(lastTokens.unsqueeze(1)), ((State)state).Hidden);  // [B, 1, Hd]
        return (proj.forward(y.squeeze(1)).log_softmax(-1), new State(h));                          // [B, V]
    }

    private sealed record State(Tensor Hidden) : IDecoderState
    {
        public IDecoderState Select(Tensor index) => new State(Hidden.index_select(1, index));
        public IEnumerable<Tensor> Tensors => [Hidden];
    }

    /// <summary>Sorting task: the target is the source sorted ascending. Ids 4..vocab-1, lengths 2..maxLen.</summary>
    public static List<Batch> SortBatches(int batches, int batchSize, int vocab, int maxLen, int seed)
    {
        var rng = new Random(seed);
        var result = new List<Batch>();
        for (int b = 0; b < batches; b++)
        {
            var rows = Enumerable.Range(0, batchSize).Select(_ =>
                Enumerable.Range(0, rng.Next(2, maxLen + 1)).Select(_ => (long)rng.Next(4, vocab)).ToArray()).ToList();
            result.Add(MakeBatch(rows, rows.Select(r => r.Order().ToArray()).ToList(), b * batchSize));
        }
        return result;
    }

    /// <summary>Pads rows into a <see cref="Batch"/>: src + EOS, BOS + tgt, tgt + EOS.</summary>
    public static Batch MakeBatch(IReadOnlyList<long[]> src, IReadOnlyList<long[]> tgt, int firstIndex = 0)
    {
        int n = src.Count, s = src.Max(r => r.Length) + 1, t = tgt.Max(r => r.Length) + 1;
        var (a, i, o) = (new long[n, s], new long[n, t], new long[n, t]);
        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < src[r].Length; j++) a[r, j] = src[r][j];
            a[r, src[r].Length] = SpecialTokens.Eos;
            i[r, 0] = SpecialTokens.Bos;
            for (int j = 0; j < tgt[r].Length; j++) { i[r, j + 1] = tgt[r][j]; o[r, j] = tgt[r][j]; }
            o[r, tgt[r].Length] = SpecialTokens.Eos;
        }
        return new Batch(a, i, o, Enumerable.Range(firstIndex, n).ToArray());
    }
}
