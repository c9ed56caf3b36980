using Seq2Seq.Data;
using Seq2Seq.Decoding;
using Seq2Seq.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Transformer;

/// <summary>Tiny synthetic translation tasks (copy, reverse) over symbols 4..V-1, with a minimal trainer
/// and greedy decoder, so the Transformer tests can check that the model really learns.</summary>
internal sealed class ToyTask(Func<long[], long[]> transform, int vocab, int minLength, int maxLength, int seed)
{
    private readonly Random random = new(seed);

    public static long[] Copy(long[] x) => x;
    public static long[] Reverse(long[] x) => x.Reverse().ToArray();

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

    /// <summary>One optimisation step under its own dispose scope; returns the loss.</summary>
    public static float TrainStep(ISeq2SeqModel model, optim.Optimizer optimizer, Batch batch)
    {
        using var scope = torch.NewDisposeScope();
        var (src, tgtIn, tgtOut) = batch.ToTensors(CPU);
        optimizer.zero_grad();
        var logits = model.Logits(src, tgtIn);                                                        // [B, T, V]
        var loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), tgtOut.reshape(-1), ignore_index: SpecialTokens.Pad);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    /// <summary>Greedy decoding through IStepDecoder.Step; one scope per step keeps only the running state.</summary>
    public static long[][] GreedyDecode(IStepDecoder decoder, Tensor srcIds, int maxSteps)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        long batch = srcIds.shape[0];
        var state = decoder.Start(srcIds);
        var tokens = torch.full(batch, SpecialTokens.Bos, dtype: ScalarType.Int64, device: srcIds.device);
        var output = Enumerable.Range(0, (int)batch).Select(_ => new List<long>()).ToArray();
        var done = new bool[batch];
        for (int step = 0; step < maxSteps && !done.All(d => d); step++)
        {
            (var logProbs, state) = decoder.Step(tokens, state);
            tokens = logProbs.argmax(-1);                                                              // [B]
            var next = tokens.data<long>().ToArray();
            for (int b = 0; b < batch; b++)
            {
                if (done[b]) continue;
                if (next[b] == SpecialTokens.Eos) done[b] = true; else output[b].Add(next[b]);
            }
            scope.DisposeEverythingBut([.. state.Tensors, tokens]);
        }
        return output.Select(o => o.ToArray()).ToArray();
    }

    /// <summary>Fraction of fresh sentences the model translates exactly (greedy).</summary>
    public double SequenceAccuracy(IStepDecoder decoder, int count)
    {
        var xs = Enumerable.Range(0, count).Select(_ => Sample()).ToArray();
        using var scope = torch.NewDisposeScope();
        var batch = MakeBatch(xs);
        var decoded = GreedyDecode(decoder, torch.tensor(batch.Src), maxLength + 2);
        return xs.Where((x, i) => decoded[i].SequenceEqual(transform(x))).Count() / (double)count;
    }
}
