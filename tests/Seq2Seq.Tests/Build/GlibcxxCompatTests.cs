using System.Runtime.InteropServices;
using Seq2Seq.Build;
using TorchSharp;

namespace Seq2Seq.Tests.Build;

/// <summary>The post-build ELF edit that lets TorchSharp 0.107 load on Debian 12 (build/GlibcxxCompat.cs).</summary>
[Collection("Sequential")]
public sealed class GlibcxxCompatTests
{
    /// <summary>The copy the build placed beside the tests (flat or under runtimes/RID/native).</summary>
    private static string OutputLibrary => Directory
        .GetFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories)
        .Single();

    /// <summary>The pristine library in the NuGet cache (never edited by the build).</summary>
    private static string CachedLibrary
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var version = typeof(torch).Assembly.GetName().Version!;
            return Path.Combine(root, "torchsharp", $"{version.Major}.{version.Minor}.{version.Build}",
                "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        }
    }

    [Fact]
    public void BuildOutputLoadsAndIsPatchedExactlyWhenTheSystemNeedsIt()
    {
        Assert.Equal(6f, torch.ones(2, 3).sum().item<float>());   // the library the build copied loads
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(GlibcxxCompat.SystemNeedsPatch(out _));
            return;
        }
        var needed = GlibcxxCompat.SystemNeedsPatch(out var reason);
        var outputState = GlibcxxCompat.PatchImage(File.ReadAllBytes(OutputLibrary));
        // Patched output reports AlreadyWeak; an unpatched one would report Patched (it still had the strong need).
        Assert.Equal(needed ? PatchOutcome.AlreadyWeak : PatchOutcome.Patched, outputState);
        Assert.True(NativeLibrary.TryLoad(OutputLibrary, out _), $"dlopen failed ({reason})");
    }

    [Fact]
    public void NuGetCacheCopyIsLeftUntouched()
    {
        if (!OperatingSystem.IsLinux()) return;   // the cached linux-x64 library is only restored on Linux
        Assert.True(File.Exists(CachedLibrary), $"expected {CachedLibrary}");
        // Still carries the strong GLIBCXX_3.4.32 need: patching a copy in memory would change it.
        Assert.Equal(PatchOutcome.Patched, GlibcxxCompat.PatchImage(File.ReadAllBytes(CachedLibrary)));
    }

    [Fact]
    public void EditChangesOneFlagAndIsIdempotent()
    {
        if (!OperatingSystem.IsLinux()) return;
        var dir = Directory.CreateTempSubdirectory("glibcxx-compat-");
        try
        {
            var copy = Path.Combine(dir.FullName, "libLibTorchSharp.so");
            File.Copy(CachedLibrary, copy);
            var original = File.ReadAllBytes(copy);

            Assert.Equal(PatchOutcome.Patched, GlibcxxCompat.PatchFile(copy));
            var once = File.ReadAllBytes(copy);
            Assert.Equal(original.Length, once.Length);
            var changed = Enumerable.Range(0, once.Length).Where(i => once[i] != original[i]).ToList();
            Assert.Single(changed);                                   // only the vna_flags low byte
            Assert.Equal(original[changed[0]] | 0x2, once[changed[0]]);

            Assert.Equal(PatchOutcome.AlreadyWeak, GlibcxxCompat.PatchFile(copy));
            Assert.Equal(once, File.ReadAllBytes(copy));              // second run: byte-identical
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void LibrariesWithoutTheNeedAreLeftByteIdentical()
    {
        var dir = Directory.CreateTempSubdirectory("glibcxx-compat-");
        try
        {
            // A real ELF shared library that needs no GLIBCXX_3.4.32: the runtime's own native shim.
            var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var elf = Directory.GetFiles(runtimeDir, "libSystem.Native.*").FirstOrDefault();
            var cases = new List<(string Path, PatchOutcome Expected)>();
            if (elf is not null && OperatingSystem.IsLinux())
            {
                var copy = Path.Combine(dir.FullName, "elf.so");
                File.Copy(elf, copy);
                cases.Add((copy, PatchOutcome.NoSuchNeed));
            }
            var text = Path.Combine(dir.FullName, "not-elf.so");
            File.WriteAllText(text, "this is not an ELF file, just text long enough to look at 64 header bytes...");
            cases.Add((text, PatchOutcome.NotElf));

            foreach (var (path, expected) in cases)
            {
                var before = File.ReadAllBytes(path);
                var stamp = File.GetLastWriteTimeUtc(path);
                Assert.Equal(expected, GlibcxxCompat.PatchFile(path));
                Assert.Equal(before, File.ReadAllBytes(path));
                Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
            }
        }
        finally { dir.Delete(recursive: true); }
    }
}
