using Seq2Seq.Data;
using Seq2Seq.Decoding;
using Seq2Seq.Recurrent;
using Seq2Seq.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests;

/// <summary>Tiny synthetic translation tasks (copy, reverse) over symbols 4..V-1, with the training step and the
/// exact-match accuracy the learning tests need, so the Transformer and GRU tests can check that a model really
/// learns. Decoding goes through the library's <see cref="GreedySearch"/>, so the tests exercise the real loop.</summary>
/// <param name="transform">x → y, e.g. <see cref="Copy"/> or <see cref="Reverse"/>.</param>
/// <param name="vocab">V: symbols are 4..V-1.</param>
/// <param name="minLength">Shortest sentence.</param> <param name="maxLength">Longest sentence.</param>
/// <param name="random">Source of the sentences (for each: its length, then its symbols).</param>
internal sealed class ToyTask(Func<long[], long[]> transform, int vocab, int minLength, int maxLength, Random random)
{
    /// <summary>The vocabulary of most tests: 4 special tokens + 8 symbols.</summary>
    public const int Vocab = 12;

    public ToyTask(Func<long[], long[]> transform, int vocab, int minLength, int maxLength, int seed)
        : this(transform, vocab, minLength, maxLength, new Random(seed)) { }

    public static long[] Copy(long[] x) => x;
    public static long[] Reverse(long[] x) => x.Reverse().ToArray();

    /// <summary>A batch of <paramref name="size"/> sentences drawn from <paramref name="rng"/> (copy or reverse, vocabulary <see cref="Vocab"/>).</summary>
    public static Batch Make(Random rng, int size, bool reverse, int minLength = 3, int maxLength = 8) =>
        new ToyTask(reverse ? Reverse : Copy, Vocab, minLength, maxLength, rng).NextBatch(size);

    public long[] Sample()
    {
        var length = random.Next(minLength, maxLength + 1);
        return Enumerable.Range(0, length).Select(_ => (long)random.Next(SpecialTokens.All.Count, vocab)).ToArray();
    }

    /// <summary>Src = x + EOS; TgtIn = BOS + f(x); TgtOut = f(x) + EOS; padded to the longest row.</summary>
    public Batch MakeBatch(IReadOnlyList<long[]> xs)
    {
        int width = xs.Max(x => x.Length) + 1;
        var (src, tgtIn, tgtOut) = (new long[xs.Count, width], new long[xs.Count, width], new long[xs.Count, width]);
        for (int b = 0; b < xs.Count; b++)
        {
            var y = transform(xs[b]);
            for (int i = 0; i < xs[b].Length; i++) (src[b, i], tgtIn[b, i + 1], tgtOut[b, i]) = (xs[b][i], y[i], y[i]);
            (src[b, xs[b].Length], tgtIn[b, 0], tgtOut[b, y.Length]) = (SpecialTokens.Eos, SpecialTokens.Bos, SpecialTokens.Eos);
        }
        return new Batch(src, tgtIn, tgtOut, Enumerable.Range(0, xs.Count).ToArray());
    }

    public Batch NextBatch(int size) => MakeBatch(Enumerable.Range(0, size).Select(_ => Sample()).ToArray());

    /// <summary>One optimisation step (teacher forcing) under its own dispose scope; returns the loss.</summary>
    public static float TrainStep(ISeq2SeqModel model, optim.Optimizer optimizer, Batch batch) =>
        TrainStep(optimizer, batch, model.Logits, clipNorm: null, (model as nn.Module)!.parameters());

    /// <summary>A GRU step with a teacher forcing ratio and gradient clipping at norm 1.</summary>
    public static float TrainStep(RnnSeq2Seq model, optim.Optimizer optimizer, Batch batch, double teacherForcing = 1.0) =>
        TrainStep(optimizer, batch, (src, tgtIn) => model.Forward(src, tgtIn, teacherForcing).Logits, clipNorm: 1.0, model.parameters());

    private static float TrainStep(optim.Optimizer optimizer, Batch batch, Func<Tensor, Tensor, Tensor> logitsOf,
        double? clipNorm, IEnumerable<TorchSharp.Modules.Parameter> parameters)
    {
        using var scope = torch.NewDisposeScope();
        var (src, tgtIn, tgtOut) = batch.ToTensors(CPU);
        optimizer.zero_grad();
        var logits = logitsOf(src, tgtIn);                                                            // [B, T, V]
        var loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), tgtOut.reshape(-1), ignore_index: SpecialTokens.Pad);
        loss.backward();
        if (clipNorm is double norm) nn.utils.clip_grad_norm_(parameters, norm);
        optimizer.step();
        return loss.item<float>();
    }

    /// <summary>Greedy decoding with <see cref="GreedySearch"/>: each row's tokens before EOS.</summary>
    public static long[][] GreedyDecode(IStepDecoder decoder, Tensor srcIds, int maxSteps) =>
        GreedySearch.Decode(decoder, srcIds, new DecodeOptions(MaxLength: maxSteps))
            .Select(h => h.Tokens.Select(t => (long)t).ToArray()).ToArray();

    /// <summary>Fraction of <paramref name="count"/> fresh sentences the model translates exactly (greedy).</summary>
    public double SequenceAccuracy(IStepDecoder decoder, int count) => SequenceAccuracy(decoder, NextBatch(count));

    /// <summary>Fraction of rows whose greedy output equals TgtOut up to EOS. Decodes in eval mode (restoring
    /// training mode afterwards if the model was training).</summary>
    public static double SequenceAccuracy(IStepDecoder decoder, Batch batch)
    {
        var module = decoder as nn.Module;
        bool wasTraining = module?.training ?? false;
        module?.eval();
        try
        {
            using var scope = torch.NewDisposeScope();
            var decoded = GreedyDecode(decoder, torch.tensor(batch.Src), batch.TgtOut.GetLength(1) + 2);
            int correct = 0;
            for (int b = 0; b < batch.Size; b++)
            {
                var reference = Enumerable.Range(0, batch.TgtOut.GetLength(1)).Select(i => batch.TgtOut[b, i])
                    .TakeWhile(id => id != SpecialTokens.Eos);
                if (reference.SequenceEqual(decoded[b])) correct++;
            }
            return (double)correct / batch.Size;
        }
        finally { if (wasTraining) module!.train(); }
    }
}
