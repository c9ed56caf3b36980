using Seq2Seq.Data;
using Seq2Seq.Recurrent;
using Seq2Seq.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Recurrent;

/// <summary>Copy / reverse toy tasks over symbols 4..V-1, plus the loops the tests need (train, greedy decode).</summary>
internal static class ToyTask
{
    public const int Vocab = 12;

    /// <summary>A padded batch: Src = x + EOS, TgtIn = BOS + y, TgtOut = y + EOS, y = x or reversed x.</summary>
    public static Batch Make(Random rng, int size, bool reverse, int minLen = 3, int maxLen = 8)
    {
        var rows = Enumerable.Range(0, size).Select(_ =>
            Enumerable.Range(0, rng.Next(minLen, maxLen + 1)).Select(_ => (long)rng.Next(4, Vocab)).ToArray()).ToArray();
        int width = rows.Max(r => r.Length) + 1;
        var (src, tgtIn, tgtOut) = (new long[size, width], new long[size, width], new long[size, width]);
        for (int b = 0; b < size; b++)
        {
            var y = reverse ? rows[b].Reverse().ToArray() : rows[b];
            tgtIn[b, 0] = SpecialTokens.Bos;
            for (int i = 0; i < rows[b].Length; i++) { src[b, i] = rows[b][i]; tgtIn[b, i + 1] = y[i]; tgtOut[b, i] = y[i]; }
            src[b, rows[b].Length] = SpecialTokens.Eos;
            tgtOut[b, rows[b].Length] = SpecialTokens.Eos;
        }
        return new Batch(src, tgtIn, tgtOut, Enumerable.Range(0, size).ToArray());
    }

    /// <summary>One optimisation step in its own dispose scope; returns the loss.</summary>
    public static float TrainStep(RnnSeq2Seq model, optim.Optimizer optimizer, Batch batch, double teacherForcing = 1.0)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var (src, tgtIn, tgtOut) = batch.ToTensors(CPU);
        var logits = model.Forward(src, tgtIn, teacherForcing).Logits;         // [B, T, V]
        var loss = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), tgtOut.reshape(-1), ignore_index: SpecialTokens.Pad);
        loss.backward();
        nn.utils.clip_grad_norm_(model.parameters(), 1.0);
        optimizer.step();
        return loss.item<float>();
    }

    /// <summary>Greedy decoding through Start/Step (one scope per step); returns each row's tokens before EOS.</summary>
    public static long[][] Greedy(RnnSeq2Seq model, Tensor srcIds, int maxLen)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long batch = srcIds.shape[0];
        var state = model.Start(srcIds);
        var tokens = full(batch, SpecialTokens.Bos, dtype: ScalarType.Int64);
        var outputs = Enumerable.Range(0, (int)batch).Select(_ => new List<long>()).ToArray();
        var done = new bool[batch];
        for (int t = 0; t < maxLen && !done.All(d => d); t++)
        {
            var (logProbs, next) = model.Step(tokens, state);
            tokens = logProbs.argmax(-1);                                       // [B]
            var ids = tokens.data<long>().ToArray();
            for (int b = 0; b < batch; b++)
            {
                if (done[b]) continue;
                if (ids[b] == SpecialTokens.Eos) done[b] = true; else outputs[b].Add(ids[b]);
            }
            state = next;
            scope.DisposeEverythingBut([.. state.Tensors, tokens, srcIds]);
        }
        return outputs.Select(o => o.ToArray()).ToArray();
    }

    /// <summary>Fraction of rows whose greedy output equals the reference target exactly.</summary>
    public static double SequenceAccuracy(RnnSeq2Seq model, Batch batch)
    {
        model.eval();
        using var src = tensor(batch.Src);
        var predicted = Greedy(model, src, batch.TgtOut.GetLength(1) + 2);
        int correct = 0;
        for (int b = 0; b < batch.Size; b++)
        {
            var reference = Enumerable.Range(0, batch.TgtOut.GetLength(1)).Select(i => batch.TgtOut[b, i])
                .TakeWhile(id => id != SpecialTokens.Eos).ToArray();
            if (reference.SequenceEqual(predicted[b])) correct++;
        }
        model.train();
        return (double)correct / batch.Size;
    }
}
