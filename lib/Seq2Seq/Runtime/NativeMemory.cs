using System.Runtime.InteropServices;

namespace Seq2Seq.Runtime;

/// <summary>How the C allocator under libtorch treats freed memory. By default glibc serves every block above
/// 32 MB (the logits of a translation batch: 4,096 tokens × 10,000 words × 4 bytes = 164 MB, and their gradients)
/// with a fresh <c>mmap</c> and unmaps it on free, so each training step faults all those pages in again and the
/// kernel zeroes them. <see cref="RetainFreedMemory"/> keeps freed memory in the process for reuse instead.
/// Measured with <c>workbook train --profile laptop --max-steps 100</c> (Multi30k, 2 cores): 17.5 M → 1.3 M page
/// faults, 2,092–2,119 → 2,401 tokens/s (+13–15 %), peak resident memory 3.6–3.7 → 5.2 GB (BENCHMARKS.md). Process-wide; callers opt in (<c>workbook train</c>
/// does unless <c>SEQ2SEQ_RETAIN_MEMORY=0</c>). glibc keeps freed memory this way for the main thread's heap; other
/// threads have their own heaps of at most 64 MB, which are still returned when they empty, so the gain is for
/// training loops on the main thread (as in <c>workbook train</c>).</summary>
public static class NativeMemory
{
    /// <summary>Environment variable that turns <see cref="RetainFreedMemory"/> off when set to 0.</summary>
    public const string RetainVariable = "SEQ2SEQ_RETAIN_MEMORY";

    private const int TrimThreshold = -1, MmapMax = -4;           // M_TRIM_THRESHOLD, M_MMAP_MAX (malloc.h)

    /// <summary>On Linux with glibc: large blocks come from the heap (never a fresh mmap) and freed memory below 2 GB
    /// at the top of the heap is kept. Elsewhere (macOS, Windows, musl) it does nothing: those allocators already
    /// reuse large blocks or are left alone. Returns whether the setting was applied; false also when
    /// <see cref="RetainVariable"/> is 0.</summary>
    public static bool RetainFreedMemory()
    {
        if (Environment.GetEnvironmentVariable(RetainVariable) == "0" || !OperatingSystem.IsLinux() || !IsGlibc()) return false;
        return Glibc.mallopt(MmapMax, 0) == 1 & Glibc.mallopt(TrimThreshold, int.MaxValue) == 1;
    }

    /// <summary>glibc's defaults again (for tests: the setting is process-wide).</summary>
    internal static void RestoreDefaults()
    {
        if (!OperatingSystem.IsLinux() || !IsGlibc()) return;
        Glibc.mallopt(MmapMax, 65536);
        Glibc.mallopt(TrimThreshold, 128 * 1024);
    }

    private static bool IsGlibc()
    {
        try { return Glibc.gnu_get_libc_version() != IntPtr.Zero; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }

    private static class Glibc
    {
        [DllImport("libc.so.6")] public static extern int mallopt(int parameter, int value);
        [DllImport("libc.so.6")] public static extern IntPtr gnu_get_libc_version();
    }
}
