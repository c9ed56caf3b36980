using Seq2Seq.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Decoding;

/// <summary>The one-token-per-step loop behind greedy search and sampling; only the rule that picks the next
/// token differs. Finished sentences leave the batch (state.Select), so the model never computes for them.</summary>
internal static class TokenLoop
{
    /// <summary>Decodes srcIds [B, S] one token per step; <paramref name="choose"/> maps the log-probs [A, V] of
    /// the A still-active sentences to their next token ids [A] (int64).</summary>
    public static IReadOnlyList<Hypothesis> Run(IStepDecoder model, Tensor srcIds, DecodeOptions options,
        string caller, Func<Tensor, Tensor> choose)
    {
        DecodingLoop.CheckModel(model, caller);
        int batch = DecodingLoop.CheckSource(srcIds, caller);
        var limits = DecodingLoop.Limits(srcIds, options);
        var tokens = Enumerable.Range(0, batch).Select(_ => new List<int>()).ToArray();
        var stepLogProbs = Enumerable.Range(0, batch).Select(_ => new List<float>()).ToArray();
        var ended = new bool[batch];
        var active = Enumerable.Range(0, batch).ToList();   // active[a] = sentence decoded in row a

        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var state = model.Start(srcIds);
        var last = torch.full(batch, SpecialTokens.Bos, dtype: ScalarType.Int64, device: srcIds.device);   // [A]
        for (int step = 1; active.Count > 0; step++)
        {
            var (logProbs, next) = model.Step(last, state);                   // [A, V]
            DecodingLoop.CheckStep(logProbs, active.Count, model);
            var chosen = choose(logProbs);                                     // [A]
            var chosenLogProbs = logProbs.gather(1, chosen.unsqueeze(1)).squeeze(1).to(ScalarType.Float32);   // [A]
            var ids = chosen.cpu().data<long>().ToArray();
            var lps = chosenLogProbs.cpu().data<float>().ToArray();

            var keep = new List<long>();
            for (int a = 0; a < active.Count; a++)
            {
                int s = active[a];
                stepLogProbs[s].Add(lps[a]);
                if (ids[a] == SpecialTokens.Eos) { ended[s] = true; continue; }
                tokens[s].Add((int)ids[a]);
                if (step < limits[s]) keep.Add(a);
            }
            if (keep.Count < active.Count)
            {
                active = keep.Select(a => active[(int)a]).ToList();
                if (active.Count == 0) break;
                var rows = torch.tensor(keep.ToArray(), device: srcIds.device);   // [A']
                (next, chosen) = (next.Select(rows), chosen.index_select(0, rows));
            }
            (state, last) = (next, chosen);
            DecodingLoop.KeepOnly(scope, state.Tensors.Append(last));
        }
        return Enumerable.Range(0, batch).Select(s => Result(tokens[s], stepLogProbs[s], ended[s])).ToList();
    }

    private static Hypothesis Result(List<int> tokens, List<float> stepLogProbs, bool ended)
    {
        double logProb = stepLogProbs.Sum(x => (double)x);
        return new Hypothesis(tokens.ToArray(), logProb, logProb, stepLogProbs.ToArray(), ended);
    }
}
