using Seq2Seq.Runtime;

namespace Seq2Seq.Tests.Runtime;

/// <summary>The allocator switch: applied on Linux with glibc, refused elsewhere and when switched off. Its effect
/// (page faults and speed of a training run) is a benchmark, in BENCHMARKS.md: glibc serves only the main thread
/// from the heap it keeps, so a test thread cannot observe it reliably.</summary>
[Collection("Sequential")]
public sealed class NativeMemoryTests
{
    [Fact]
    public void AppliesOnGlibcLinuxOnly()
    {
        var previous = Environment.GetEnvironmentVariable(NativeMemory.RetainVariable);
        try
        {
            Environment.SetEnvironmentVariable(NativeMemory.RetainVariable, null);   // not the caller's setting
            // glibc is the libc.so.6 mapped into this process (musl maps ld-musl instead), wherever the distribution keeps it.
            bool glibc = OperatingSystem.IsLinux() && File.ReadAllText("/proc/self/maps").Contains("/libc.so.6");
            Assert.Equal(glibc, NativeMemory.RetainFreedMemory());
        }
        finally
        {
            Environment.SetEnvironmentVariable(NativeMemory.RetainVariable, previous);
            NativeMemory.RestoreDefaults();
        }
    }

    [Fact]
    public void TheEnvironmentVariableTurnsItOff()
    {
        var previous = Environment.GetEnvironmentVariable(NativeMemory.RetainVariable);
        try
        {
            Environment.SetEnvironmentVariable(NativeMemory.RetainVariable, "0");
            Assert.False(NativeMemory.RetainFreedMemory());
        }
        finally
        {
            Environment.SetEnvironmentVariable(NativeMemory.RetainVariable, previous);
            NativeMemory.RestoreDefaults();
        }
    }
}
