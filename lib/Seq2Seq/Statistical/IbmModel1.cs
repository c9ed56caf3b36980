using Seq2Seq.Data;

namespace Seq2Seq.Statistical;

/// <summary>IBM Model 1 (Brown et al. 1993): P(f | e) = ε/(l+1)^m · ∏_j Σ_i t(f_j | e_i), where e = e_0..e_l is
/// the source sentence with e_0 = NULL and f = f_1..f_m the target. The lexical table t(f|e) is learned by EM
/// from sentence pairs alone; the alignment posterior P(a_j = i | e, f) ∝ t(f_j | e_i) falls out of it.
/// Words are whitespace tokens. Each EM iteration cannot lower the corpus log-likelihood.</summary>
public sealed class IbmModel1
{
    public const string NullWord = "NULL";
    private readonly WordIndex sourceWords = new(), targetWords = new();
    private readonly List<(int[] E, int[] F)> corpus = new();
    private Dictionary<long, double> t = new(KeyHash.Instance);

    public IbmModel1(IEnumerable<SentencePair> pairs)
    {
        sourceWords.Add(NullWord);   // id 0
        foreach (var p in pairs)
        {
            var e = Text.Vocabulary.Tokenize(p.Source).Select(sourceWords.Add);
            corpus.Add(([0, .. e], Text.Vocabulary.Tokenize(p.Target).Select(targetWords.Add).ToArray()));
        }
        if (corpus.Count == 0) throw new ArgumentException("IBM Model 1 needs at least one sentence pair.", nameof(pairs));
        double uniform = 1.0 / Math.Max(1, targetWords.Count);   // t(f|e) uniform over the target vocabulary
        foreach (var (e, f) in corpus)
            foreach (var ei in e)
                foreach (var fj in f) t[Key(ei, fj)] = uniform;
    }

    public int Iterations { get; private set; }

    /// <summary>t(<paramref name="target"/> | <paramref name="source"/>); 0 for words never seen together.</summary>
    public double T(string target, string source) =>
        sourceWords.TryGet(source, out var e) && targetWords.TryGet(target, out var f) ? t.GetValueOrDefault(Key(e, f)) : 0;

    /// <summary>Σ over pairs of log P(f | e) without the constant log ε.</summary>
    public double LogLikelihood()
    {
        double ll = 0;
        foreach (var (e, f) in corpus)
            foreach (var fj in f)
            {
                double z = 0;
                foreach (var ei in e) z += t[Key(ei, fj)];
                ll += Math.Log(z / e.Length);
            }
        return ll;
    }

    /// <summary>One EM iteration: expected counts c(e,f) = Σ P(a_j = i) over all links, then t(f|e) = c(e,f)/Σ_f c(e,f).
    /// Returns the log-likelihood after the update.</summary>
    public double Iterate()
    {
        var counts = new Dictionary<long, double>(t.Count, KeyHash.Instance);
        var totals = new double[sourceWords.Count];
        foreach (var (e, f) in corpus)
            foreach (var fj in f)
            {
                double z = 0;
                foreach (var ei in e) z += t[Key(ei, fj)];
                foreach (var ei in e)
                {
                    double c = t[Key(ei, fj)] / z;
                    counts[Key(ei, fj)] = counts.GetValueOrDefault(Key(ei, fj)) + c;
                    totals[ei] += c;
                }
            }
        t = counts.ToDictionary(kv => kv.Key, kv => kv.Value / totals[(int)(kv.Key >> 32)], KeyHash.Instance);
        Iterations++;
        return LogLikelihood();
    }

    /// <summary>Runs <paramref name="iterations"/> EM iterations; returns the log-likelihood after each.</summary>
    public IReadOnlyList<double> Train(int iterations) => Enumerable.Range(0, iterations).Select(_ => Iterate()).ToList();

    /// <summary>[m, l+1] alignment posteriors P(a_j = i | e, f): row j = target word, column 0 = NULL, column i = source
    /// word i. Rows sum to 1. Unknown words get t = 0 (a row of zeros only if every link is unknown).</summary>
    public double[,] AlignmentProbabilities(string[] source, string[] target)
    {
        string[] e = [NullWord, .. source];
        var p = new double[target.Length, e.Length];
        for (int j = 0; j < target.Length; j++)
        {
            double z = 0;
            for (int i = 0; i < e.Length; i++) z += p[j, i] = T(target[j], e[i]);
            for (int i = 0; i < e.Length && z > 0; i++) p[j, i] /= z;
        }
        return p;
    }

    /// <summary>The most probable alignment: for each target word j, the source position a_j (0 = NULL, i = source
    /// word i, 1-based). Model 1's links are independent, so this is the per-row argmax (ties: the earlier position).</summary>
    public int[] ViterbiAlignment(string[] source, string[] target)
    {
        var p = AlignmentProbabilities(source, target);
        var a = new int[target.Length];
        for (int j = 0; j < target.Length; j++)
            for (int i = 1; i <= source.Length; i++)
                if (p[j, i] > p[j, a[j]]) a[j] = i;
        return a;
    }

    /// <summary>The <paramref name="top"/> most probable translations f of a source word e, by t(f|e).</summary>
    public IReadOnlyList<(string Target, double Probability)> Translations(string source, int top = 5)
    {
        if (!sourceWords.TryGet(source, out var e)) return [];
        return t.Where(kv => (int)(kv.Key >> 32) == e).OrderByDescending(kv => kv.Value)
            .Take(top).Select(kv => (targetWords[(int)(kv.Key & 0xFFFFFFFF)], kv.Value)).ToList();
    }

    private static long Key(int e, int f) => ((long)e << 32) | (uint)f;

    /// <summary>long's own hash is (low ^ high), i.e. e ^ f here: the small dense ids collide into a few thousand
    /// buckets and each lookup walks a long chain. Fibonacci hashing mixes both halves (results do not depend on it).</summary>
    private sealed class KeyHash : IEqualityComparer<long>
    {
        public static readonly KeyHash Instance = new();
        public bool Equals(long x, long y) => x == y;
        public int GetHashCode(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 32);
    }
}
