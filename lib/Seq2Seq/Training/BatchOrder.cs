using Seq2Seq.Data;

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
        new SplitMix64(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)epoch * 0xD1B54A32D192ED03UL)).Shuffle(order);
        return order;
    }
}
