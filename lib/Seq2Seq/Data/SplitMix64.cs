namespace Seq2Seq.Data;

/// <summary>A tiny seeded generator (SplitMix64, Steele et al. 2014) whose output is fixed by its definition,
/// unlike <see cref="System.Random"/>, whose algorithm may change between .NET versions. Data order and the
/// committed synthetic corpora must be reproducible forever from (seed, epoch).</summary>
public sealed class SplitMix64(ulong seed)
{
    /// <summary>The state's increment (2^64 / golden ratio) and the finaliser's two multipliers.</summary>
    internal const ulong Gamma = 0x9E3779B97F4A7C15UL, Mix1 = 0xBF58476D1CE4E5B9UL, Mix2 = 0x94D049BB133111EBUL;

    private ulong state = seed;

    /// <summary>Next 64 random bits: output j (from 0) is <c>Mix(seed + (j + 1)·Gamma)</c>.</summary>
    public ulong NextUInt64() => Mix(state += Gamma);

    /// <summary>The finaliser: a bijection of 64-bit words that turns a counter into random-looking bits.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * Mix1;
        z = (z ^ (z >> 27)) * Mix2;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>) (rejection sampling, no modulo bias).</summary>
    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "must be positive");
        ulong bound = (ulong)maxExclusive, limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong r;
        do r = NextUInt64(); while (r >= limit);
        return (int)(r % bound);
    }

    /// <summary>Uniform integer in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    /// <summary>Uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A generator for stream <paramref name="stream"/> of <paramref name="seed"/> (e.g. one per epoch),
    /// decorrelated from neighbouring streams.</summary>
    public static SplitMix64 For(int seed, int stream) =>
        new(new SplitMix64(((ulong)(uint)seed << 32) | (uint)stream).NextUInt64());
}
