using System.Numerics;
using Seq2Seq.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Runtime;

/// <summary>Dropout's random keep-mask, made fast on the CPU. libtorch's CPU dropout fills its mask with
/// <c>bernoulli_</c>, which draws 64 bits from the Mersenne Twister for every element on one thread: 10–12 ns per
/// element for the whole dropout, which on the Small Transformer (≈ 19 M dropped-or-kept elements per training step) was 20–30 % of the
/// step (BENCHMARKS.md). Here every element needs 16 random bits, and they come from a counter-based hash: 64-bit
/// word j of the mask is SplitMix64's finaliser applied to <c>seed + (j + 1)·γ</c> — the j-th output of
/// <c>new SplitMix64(seed)</c> — split into four 16-bit draws.
/// Any word can be computed on its own, so the loop is vectorised; the seed is drawn from libtorch's default
/// generator, so <c>torch.manual_seed</c> still fixes every mask.
/// <para>An element is dropped when its 16-bit draw is below <c>t = round(p · 65536)</c>: the drop probability is
/// p to within 1/131072, and kept elements are scaled by 65536 / (65536 − t), so the expectation is exact.</para></summary>
public static class DropoutNoise
{
    private const ulong Gamma = SplitMix64.Gamma, Mix1 = SplitMix64.Mix1, Mix2 = SplitMix64.Mix2;
    private const long MaxElements = int.MaxValue / sizeof(float);  // the mask is filled through Tensor.bytes, a Span

    /// <summary>Whether <see cref="Make(long[], double)"/> serves tensors of this device and type; others use libtorch's dropout.</summary>
    public static bool Supports(Tensor x) =>
        x.device_type == DeviceType.CPU && x.dtype == ScalarType.Float32 && x.numel() <= MaxElements;

    /// <summary>A float32 CPU tensor holding 0 (dropped) or the keep scale.</summary>
    /// <param name="shape">Shape of the mask (the input's).</param> <param name="p">Drop probability in [0, 1).</param>
    public static Tensor Make(long[] shape, double p) => Make(shape, p, NextSeed());

    /// <summary>As <see cref="Make(long[], double)"/> with an explicit seed: the mask is a pure function of
    /// (shape, p, seed).</summary>
    /// <param name="shape">Shape of the mask.</param> <param name="p">Drop probability in [0, 1).</param>
    /// <param name="seed">Any 64 bits.</param>
    public static Tensor Make(long[] shape, double p, ulong seed)
    {
        if (!(p >= 0.0 && p < 1.0)) throw new ArgumentOutOfRangeException(nameof(p), p, "DropoutNoise: p must be in [0, 1).");
        var (threshold, scale) = ThresholdAndScale(p);
        long count = shape.Aggregate(1L, (n, size) => n * size);
        if (count > MaxElements)
            throw new ArgumentException($"DropoutNoise: {count} elements exceed a 2 GB mask; use libtorch's dropout.", nameof(shape));
        var noise = torch.empty(shape, ScalarType.Float32);
        unsafe
        {
            fixed (byte* data = noise.bytes)                           // the tensor's own memory, not a copy
                Fill((float*)data, noise.numel(), seed, threshold, scale);
        }
        return noise;
    }

    /// <summary>The 16-bit drop threshold for p and the scale of kept elements.</summary>
    internal static (ushort Threshold, float Scale) ThresholdAndScale(double p)
    {
        int t = (int)Math.Round(p * 65536);
        if (t > 65535) t = 65535;                                  // p within 2^-17 of 1: keep one draw value in 65536
        return ((ushort)t, (float)(65536.0 / (65536 - t)));
    }

    /// <summary>64 fresh bits from libtorch's default CPU generator.</summary>
    private static ulong NextSeed()
    {
        using var draw = torch.randint(long.MaxValue, [1], ScalarType.Int64);
        return (ulong)draw.item<long>() * Gamma;                   // spread the 63 drawn bits over all 64
    }

    /// <summary>Writes n mask values to dst: element 4j + k takes bits 16k … 16k+15 of word j.</summary>
    private static unsafe void Fill(float* dst, long n, ulong seed, ushort threshold, float scale)
    {
        long words = n / 4, j = 0;
        int lanes = Vector<ulong>.Count;                           // words per vector; 4·lanes floats per vector
        if (Vector.IsHardwareAccelerated && words >= lanes)
        {
            var counter = Vector<ulong>.Indices * Gamma + new Vector<ulong>(seed + Gamma);   // seed + (j + 1)·γ
            var step = new Vector<ulong>((ulong)lanes * Gamma);
            var limit = new Vector<ushort>(threshold);
            var scaleBits = new Vector<uint>(BitConverter.SingleToUInt32Bits(scale));
            int floatsPerVector = Vector<uint>.Count;
            for (; j + lanes <= words; j += lanes, counter += step)
            {
                var draws = Vector.AsVectorUInt16(Finalise(counter));                        // 4·lanes draws
                var keep = Vector.AsVectorInt16(Vector.GreaterThanOrEqual(draws, limit));     // all ones = keep
                Vector.Widen(keep, out Vector<int> low, out Vector<int> high);               // sign-extends: -1 stays all ones
                float* at = dst + 4 * j;
                Vector.AsVectorSingle(Vector.AsVectorUInt32(low) & scaleBits).Store(at);
                Vector.AsVectorSingle(Vector.AsVectorUInt32(high) & scaleBits).Store(at + floatsPerVector);
            }
        }
        for (; j < words; j++) WriteWord(dst + 4 * j, 4, seed, j, threshold, scale);
        if (n % 4 != 0) WriteWord(dst + 4 * words, (int)(n % 4), seed, words, threshold, scale);
    }

    private static unsafe void WriteWord(float* at, int count, ulong seed, long j, ushort threshold, float scale)
    {
        ulong word = SplitMix64.Mix(seed + ((ulong)j + 1) * Gamma);
        for (int k = 0; k < count; k++) at[k] = (ushort)(word >> (16 * k)) >= threshold ? scale : 0f;
    }

    /// <summary><see cref="SplitMix64.Mix"/> on every lane.</summary>
    private static Vector<ulong> Finalise(Vector<ulong> z)
    {
        z = (z ^ Vector.ShiftRightLogical(z, 30)) * new Vector<ulong>(Mix1);
        z = (z ^ Vector.ShiftRightLogical(z, 27)) * new Vector<ulong>(Mix2);
        return z ^ Vector.ShiftRightLogical(z, 31);
    }
}
