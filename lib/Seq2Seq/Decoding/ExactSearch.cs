using Seq2Seq.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Decoding;

/// <summary>Exact (MAP) decoding: the output Ŷ = argmax_Y log P(Y | X) over every output the other decoders can
/// produce (EOS-terminated within the length limit, or cut off at it), found by depth-first branch-and-bound
/// search (Stahlberg &amp; Byrne 2019, "On NMT Search Errors and Model Errors: Cat Got Your Tongue?", §2).
/// Each node is a prefix; its children are tried most probable first, so the first complete output found is
/// the greedy one and becomes the bound. Log-probabilities are ≤ 0, so a prefix's log P only falls as it grows:
/// any prefix whose log P is not above the best complete output's is pruned, with all its siblings that are
/// less probable. The result is never below greedy or beam search. The cost is one <c>model.Step</c> per
/// expanded prefix, which is affordable for small vocabularies, short outputs and peaked models only; a
/// per-sentence limit on expansions turns a search that would run for hours into a clear error.</summary>
public static class ExactSearch
{
    /// <summary>Default per-sentence limit on expanded prefixes (model steps).</summary>
    public const int DefaultMaxExpansions = 100_000;

    /// <summary>Decodes every sentence of srcIds [B, S] (int64, pad = 0) exactly, under no_grad; a module must be in
    /// eval() mode. Returns one hypothesis per sentence, in input order, with Score = LogProb.</summary>
    /// <param name="model">Any step decoder whose Step returns true log-probabilities (≤ 0).</param>
    /// <param name="srcIds">[B, S] int64 source ids, pad = 0.</param>
    /// <param name="options">Length limits, exactly as the other decoders apply them.</param>
    /// <param name="maxExpansions">Per-sentence limit on expanded prefixes; exceeding it throws
    /// <see cref="InvalidOperationException"/>.</param>
    public static IReadOnlyList<Hypothesis> Decode(IStepDecoder model, Tensor srcIds, DecodeOptions? options = null,
        int maxExpansions = DefaultMaxExpansions) =>
        Search(model, srcIds, options, maxExpansions).Select(r => r.Best).ToList();

    /// <summary>As <see cref="Decode"/>, also reporting how many prefixes each sentence expanded.</summary>
    public static IReadOnlyList<(Hypothesis Best, int Expansions)> Search(IStepDecoder model, Tensor srcIds,
        DecodeOptions? options = null, int maxExpansions = DefaultMaxExpansions)
    {
        DecodingLoop.CheckModel(model, nameof(ExactSearch));
        int batch = DecodingLoop.CheckSource(srcIds, nameof(ExactSearch));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExpansions, 1);
        var limits = DecodingLoop.Limits(srcIds, (options ?? DecodeOptions.Default).Validate());

        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var all = model.Start(srcIds);                        // encode the batch once, as the other decoders do
        var results = new List<(Hypothesis, int)>(batch);
        for (int b = 0; b < batch; b++)
        {
            using var sentenceScope = torch.NewDisposeScope();
            var state = all.Select(torch.tensor(new long[] { b }, device: srcIds.device));    // 1 row
            var dfs = new Dfs(model, limits[b], maxExpansions, b, srcIds.device);
            dfs.Expand(SpecialTokens.Bos, state, 0.0);
            results.Add((dfs.Result(), dfs.Expansions));
        }
        return results;
    }

    /// <summary>The search for one sentence: the current prefix, the best complete output so far, the count.</summary>
    private sealed class Dfs(IStepDecoder model, int limit, int maxExpansions, int sentence, Device device)
    {
        private readonly List<int> tokens = [];
        private readonly List<float> stepLogProbs = [];
        private Hypothesis? best;
        private double bound = double.NegativeInfinity;   // log P of the best complete output found so far

        public int Expansions { get; private set; }

        public Hypothesis Result() => best ?? throw new InvalidOperationException(
            $"ExactSearch: the model gave every output of sentence {sentence} probability 0.");

        /// <summary>Expands the current prefix (tokens, with log P <paramref name="logProb"/>), whose last token
        /// is <paramref name="last"/> and whose decoder state (before consuming it) is <paramref name="state"/>.</summary>
        public void Expand(int last, IDecoderState state, double logProb)
        {
            if (++Expansions > maxExpansions)
                throw new InvalidOperationException($"ExactSearch: sentence {sentence} needs more than {maxExpansions} expansions " +
                    $"(best log P so far {bound:F4}); the model is too flat or the outputs too long for exhaustive search. " +
                    "Raise maxExpansions, lower DecodeOptions.MaxLength, or use BeamSearch.");
            using var scope = torch.NewDisposeScope();          // this node's tensors live while its subtree is searched
            var (logProbs, next) = model.Step(torch.tensor(new long[] { last }, device: device), state);   // [1, V]
            DecodingLoop.CheckStep(logProbs, 1, model);
            var lps = logProbs.to(ScalarType.Float32).cpu().data<float>().ToArray();                       // V values
            if (lps.Any(float.IsNaN)) throw new InvalidOperationException($"ExactSearch: the model's log-probs contain NaN (sentence {sentence}).");
            if (lps.Max() > 1e-4f) throw new InvalidOperationException($"ExactSearch: {model.GetType().Name}.Step returned a log-probability above 0 ({lps.Max()}); pruning needs true log-probabilities.");
            bool atLimit = tokens.Count + 1 >= limit;            // this step's token is the last one allowed
            foreach (var token in Enumerable.Range(0, lps.Length).OrderByDescending(t => lps[t]))
            {
                double total = logProb + lps[token];
                if (!(total > bound)) break;                     // sorted: no later sibling (or descendant) can win
                if (token == SpecialTokens.Eos || atLimit)
                {
                    bool eos = token == SpecialTokens.Eos;
                    int[] output = eos ? [.. tokens] : [.. tokens, token];
                    best = new Hypothesis(output, total, total, [.. stepLogProbs, lps[token]], eos);
                    bound = total;
                    continue;
                }
                tokens.Add(token);
                stepLogProbs.Add(lps[token]);
                Expand(token, next, total);
                tokens.RemoveAt(tokens.Count - 1);
                stepLogProbs.RemoveAt(stepLogProbs.Count - 1);
            }
        }
    }
}
