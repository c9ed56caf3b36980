namespace Seq2Seq.Training;

/// <summary>The order in which an epoch visits the training batches: a Fisher–Yates shuffle driven by
/// SplitMix64 seeded from (seed, epoch). A pure function, so a resumed run recomputes the exact order of its
/// epoch from the checkpoint's (seed, epoch, position) and no generator state has to be saved.
/// (<see cref="System.Random"/> is avoided: its seeded sequence is not promised to stay the same across .NET versions.)</summary>
public static class BatchOrder
{
    /// <summary>A permutation of 0..count-1 for <paramref name="epoch"/>.</summary>
    public static int[] Shuffle(int count, long seed, int epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        ulong state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)epoch * 0xD1B54A32D192ED03UL);
        for (int i = count - 1; i > 0; i--)
        {
            int j = (int)(Next(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
