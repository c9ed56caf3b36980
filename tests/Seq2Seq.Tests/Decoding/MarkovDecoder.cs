using Seq2Seq.Decoding;
using Seq2Seq.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Decoding;

/// <summary>A toy step decoder whose exact answers are computable: the next-token log-probs depend only on a
/// per-sentence key (srcIds[b, 0] mod Keys), the position and the previous token, through a fixed table
/// [Keys, Positions, V, V]. It records the live-tensor count at every step, for the leak tests.</summary>
internal sealed class MarkovDecoder : IStepDecoder, IDisposable
{
    public const int Vocab = 6;   // <pad> <s> </s> <unk> a b
    private readonly Tensor table;   // [Keys·Positions·V, V] log-probs, long-lived (outside any scope)

    public int Keys { get; }
    public int Positions { get; }
    public float[] LogProbTable { get; }   // the same table as .NET values, for the oracles
    public List<long> LiveTensorsAtStep { get; } = [];
    public int StepCalls { get; private set; }

    private MarkovDecoder(float[] logProbs, int keys, int positions)
    {
        (Keys, Positions, LogProbTable) = (keys, positions, logProbs);
        table = torch.tensor(logProbs).view(keys * positions * Vocab, Vocab).DetachFromDisposeScope();   // outlives any caller scope
    }

    /// <summary>Random logits (scaled by <paramref name="sharpness"/>) → log_softmax. PAD and BOS are never
    /// produced; <paramref name="allowEos"/> = false makes the model run to the length limit.</summary>
    public static MarkovDecoder Random(int seed, int keys = 3, int positions = 12, double sharpness = 1.5, bool allowEos = true)
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator((ulong)seed);
        var logits = torch.randn([keys, positions, Vocab, Vocab], generator: generator) * sharpness;
        var banned = torch.zeros(Vocab, dtype: ScalarType.Bool);
        banned[SpecialTokens.Pad] = true;
        banned[SpecialTokens.Bos] = true;
        if (!allowEos) banned[SpecialTokens.Eos] = true;
        var logProbs = logits.masked_fill(banned, double.NegativeInfinity).log_softmax(-1);
        return new MarkovDecoder(logProbs.data<float>().ToArray(), keys, positions);
    }

    /// <summary>From probabilities p[key, position, previous, next] (rows need not include PAD/BOS mass).</summary>
    public static MarkovDecoder FromProbabilities(double[,,,] p)
    {
        var values = new float[p.Length];
        int i = 0;
        foreach (var x in p) values[i++] = (float)Math.Log(x);
        return new MarkovDecoder(values, p.GetLength(0), p.GetLength(1));
    }

    public float LogProb(int key, int position, int previous, int next) =>
        LogProbTable[((key * Positions + Math.Min(position, Positions - 1)) * Vocab + previous) * Vocab + next];

    public IDecoderState Start(Tensor srcIds) =>
        new State(srcIds[.., 0].remainder(Keys), torch.zeros(srcIds.shape[0], dtype: ScalarType.Int64, device: srcIds.device));

    public (Tensor LogProbs, IDecoderState State) Step(Tensor lastTokens, IDecoderState state)
    {
        var s = (State)state;
        StepCalls++;
        LiveTensorsAtStep.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        var row = (s.Key * Positions + s.Position.clamp_max(Positions - 1)) * Vocab + lastTokens;   // [R]
        return (table.index_select(0, row), new State(s.Key.alias(), s.Position + 1));             // [R, V]
    }

    public void Dispose() => table.Dispose();

    private sealed class State(Tensor key, Tensor position) : IDecoderState
    {
        public Tensor Key { get; } = key;             // [R] int64
        public Tensor Position { get; } = position;   // [R] int64: tokens generated so far
        public IDecoderState Select(Tensor index) => new State(Key.index_select(0, index), Position.index_select(0, index));
        public IEnumerable<Tensor> Tensors => [Key, Position];
    }
}
