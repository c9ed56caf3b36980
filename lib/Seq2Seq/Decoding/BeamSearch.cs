using Seq2Seq.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Decoding;

/// <summary>Beam search with the GNMT length penalty, batched over sentences: each of the B sentences keeps K
/// live hypotheses, so the model sees B·K rows; <c>state.Select</c> follows the surviving beams and drops
/// finished sentences. Per step, the 2K best (beam, token) extensions of a sentence (ranked by log P) are
/// scanned: those ending in EOS within the top K finish and are ranked by log P / lp(|Y|); the first K others
/// live on. A sentence stops when its K-th best finished hypothesis can no longer be beaten
/// (<see cref="BeamOptions.StopEarly"/>: the bound is log P(best live) / lp(limit)) or at its length limit,
/// where the top K candidates finish as they are. Scores need true log-probabilities (≤ 0) from the model.</summary>
public static class BeamSearch
{
    /// <summary>Decodes srcIds [B, S] (int64, pad = 0) under no_grad; a module must be in eval() mode.
    /// Returns per sentence, in input order, up to <see cref="BeamOptions.NBest"/> distinct hypotheses sorted by
    /// Score (best first); an empty list only if the model gave every continuation probability 0.</summary>
    public static IReadOnlyList<IReadOnlyList<Hypothesis>> Decode(IStepDecoder model, Tensor srcIds, BeamOptions beam,
        DecodeOptions? options = null)
    {
        DecodingLoop.CheckModel(model, nameof(BeamSearch));
        ArgumentNullException.ThrowIfNull(beam);
        beam.Validate();
        int batch = DecodingLoop.CheckSource(srcIds, nameof(BeamSearch)), k = beam.BeamSize;
        var limits = DecodingLoop.Limits(srcIds, (options ?? DecodeOptions.Default).Validate());
        var sentences = limits.Select(limit => new SentenceBeams(k, beam.Alpha, limit, beam.StopEarly)).ToArray();
        var active = Enumerable.Range(0, batch).ToList();   // rows a·K .. a·K+K-1 hold sentence active[a]
        var device = srcIds.device;

        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var state = model.Start(srcIds).Select(torch.arange(batch, device: device).repeat_interleave(k));   // B·K rows
        var last = torch.full(batch * k, SpecialTokens.Bos, dtype: ScalarType.Int64, device: device);       // [B·K]
        var scores = InitialScores(batch, k, device);                                                       // [B·K]
        for (int step = 1; ; step++)
        {
            var (logProbs, next) = model.Step(last, state);                              // [A·K, V]
            DecodingLoop.CheckStep(logProbs, active.Count * k, model);
            int vocab = (int)logProbs.shape[1], width = Math.Min(2 * k, k * vocab);
            var tokenLps = logProbs.to(ScalarType.Float32);                                 // [A·K, V]
            var (totals, flat) = (tokenLps + scores.unsqueeze(1)).view(active.Count, k * vocab).topk(width, dim: 1);   // [A, 2K]
            var picked = tokenLps.view(active.Count, k * vocab).gather(1, flat);            // [A, 2K]
            var (t, f, p) = (totals.cpu().data<float>().ToArray(), flat.cpu().data<long>().ToArray(), picked.cpu().data<float>().ToArray());

            var (rows, tokens, newScores, survivors) = (new List<long>(), new List<long>(), new List<float>(), new List<int>());
            for (int a = 0; a < active.Count; a++)
            {
                var sentence = sentences[active[a]];
                var range = new Range(a * width, (a + 1) * width);
                var links = sentence.Advance(step, t.AsSpan(range), f.AsSpan(range), p.AsSpan(range), vocab);
                if (sentence.Done) continue;
                survivors.Add(active[a]);
                for (int b = 0; b < k; b++)   // fewer than K live beams: pad with impossible rows (score -∞)
                {
                    var (parent, token, logProb) = b < links.Count ? links[b] : (0, SpecialTokens.Pad, float.NegativeInfinity);
                    rows.Add(a * k + parent);
                    tokens.Add(token);
                    newScores.Add(logProb);
                }
            }
            active = survivors;
            if (active.Count == 0) break;
            state = next.Select(torch.tensor(rows.ToArray(), device: device));
            last = torch.tensor(tokens.ToArray(), device: device);
            scores = torch.tensor(newScores.ToArray(), device: device);
            DecodingLoop.KeepOnly(scope, state.Tensors.Append(last).Append(scores));
        }
        return sentences.Select(s => (IReadOnlyList<Hypothesis>)s.Finished.Take(beam.NBest).ToList()).ToList();
    }

    /// <summary>Each sentence starts with one real beam (score 0) and K-1 impossible copies (-∞), so the first
    /// step doesn't pick the same extension K times.</summary>
    private static Tensor InitialScores(int batch, int k, Device device)
    {
        var scores = new float[batch * k];
        for (int i = 0; i < scores.Length; i++) scores[i] = i % k == 0 ? 0f : float.NegativeInfinity;
        return torch.tensor(scores, device: device);   // [B·K]
    }
}
