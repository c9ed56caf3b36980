// Compatibility edit for TorchSharp 0.107's native library on older Linux distributions.
//
// libLibTorchSharp.so (TorchSharp 0.107.0) was linked against GCC 13's libstdc++ and records a need for the
// symbol version GLIBCXX_3.4.32. Debian 12 ships libstdc++ up to GLIBCXX_3.4.30, so the dynamic loader refuses
// the library. Only one dynamic symbol carries that version (_ZSt21ios_base_library_initv, GCC 13's <iostream>
// link anchor) and no relocation references it, so nothing in the library actually binds to it.
// Marking that version need as VER_FLG_WEAK makes the loader accept a libstdc++ that lacks it.
//
// It targets netstandard2.0 APIs because MSBuild compiles inline tasks against them.
// This file is compiled twice: by MSBuild's RoslynCodeTaskFactory (build/TorchSharpCompat.targets) as the task
// that patches the build output after every build, and by tests/Seq2Seq.Tests (with GLIBCXX_COMPAT_NO_TASK
// defined) to test the edit itself. It must stay a single self-contained file with no dependencies.
using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Seq2Seq.Build
{
    /// <summary>What <see cref="GlibcxxCompat.PatchFile"/> did to one library.</summary>
    public enum PatchOutcome { NotElf, NoSuchNeed, Patched, AlreadyWeak }

    public static class GlibcxxCompat
    {
        public const string Version = "GLIBCXX_3.4.32";
        private const uint SHT_GNU_verneed = 0x6ffffffe;
        private const ushort VER_FLG_WEAK = 0x2;

        /// <summary>True when this is Linux and no system libstdc++.so.6 defines <see cref="Version"/>.
        /// False when one does, or when none can be found (then there is nothing sensible to patch for).</summary>
        public static bool SystemNeedsPatch(out string reason)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) { reason = "not Linux"; return false; }
            var found = FindSystemLibstdcxx();
            if (found.Count == 0) { reason = "no libstdc++.so.6 found"; return false; }
            var needle = Encoding.ASCII.GetBytes(Version + "\0");
            foreach (var path in found)
            {
                if (IndexOf(File.ReadAllBytes(path), needle) >= 0)
                {
                    reason = $"{path} provides {Version}";
                    return false;
                }
            }
            reason = $"{string.Join(", ", found)} lacks {Version}";
            return true;
        }

        private static List<string> FindSystemLibstdcxx()
        {
            var dirs = new List<string>();
            var ldPath = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            if (!string.IsNullOrEmpty(ldPath)) dirs.AddRange(ldPath.Split(new[] { ':' }, StringSplitOptions.RemoveEmptyEntries));
            dirs.AddRange(new[] {
                "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
                "/usr/lib64", "/lib64", "/usr/lib", "/lib" });
            var result = new List<string>();
            foreach (var dir in dirs)
            {
                var candidate = Path.Combine(dir, "libstdc++.so.6");
                if (File.Exists(candidate))
                {
                    var full = Path.GetFullPath(candidate);
                    if (!result.Contains(full)) result.Add(full);
                }
            }
            return result;
        }

        /// <summary>Edits the ELF image in memory: ORs VER_FLG_WEAK into the vernaux entry named
        /// <see cref="Version"/>. Returns the outcome; <paramref name="elf"/> is changed only when Patched.</summary>
        public static PatchOutcome PatchImage(byte[] elf)
        {
            // ELF64, little-endian only (x86_64 / aarch64 Linux).
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F'
                || elf[4] != 2 || elf[5] != 1)
                return PatchOutcome.NotElf;

            ulong shoff = U64(elf, 0x28);
            int shentsize = U16(elf, 0x3A), shnum = U16(elf, 0x3C);
            if (shoff == 0 || shentsize < 64 || shoff + (ulong)(shnum * shentsize) > (ulong)elf.Length)
                return PatchOutcome.NotElf;

            for (int i = 0; i < shnum; i++)
            {
                int sh = checked((int)shoff + i * shentsize);
                if (U32(elf, sh + 4) != SHT_GNU_verneed) continue;

                int secOffset = checked((int)U64(elf, sh + 0x18));
                int strtabIndex = (int)U32(elf, sh + 0x28);
                int count = (int)U32(elf, sh + 0x2C);
                int strsh = checked((int)shoff + strtabIndex * shentsize);
                int strOffset = checked((int)U64(elf, strsh + 0x18));

                int vn = secOffset;
                for (int n = 0; n < count; n++)
                {
                    int auxCount = U16(elf, vn + 2);
                    int aux = vn + (int)U32(elf, vn + 8);
                    for (int a = 0; a < auxCount; a++)
                    {
                        int nameOffset = strOffset + (int)U32(elf, aux + 8);
                        if (CStringEquals(elf, nameOffset, Version))
                        {
                            int flagsAt = aux + 4;
                            ushort flags = U16(elf, flagsAt);
                            if ((flags & VER_FLG_WEAK) != 0) return PatchOutcome.AlreadyWeak;
                            flags |= VER_FLG_WEAK;
                            elf[flagsAt] = (byte)flags;
                            elf[flagsAt + 1] = (byte)(flags >> 8);
                            return PatchOutcome.Patched;
                        }
                        uint next = U32(elf, aux + 12);
                        if (next == 0) break;
                        aux += (int)next;
                    }
                    uint vnNext = U32(elf, vn + 12);
                    if (vnNext == 0) break;
                    vn += (int)vnNext;
                }
            }
            return PatchOutcome.NoSuchNeed;
        }

        /// <summary>Patches a file on disk. The new content is written to a temporary file that replaces the
        /// original by rename, so a hard-linked original (e.g. one shared with the NuGet cache) is never edited.</summary>
        public static PatchOutcome PatchFile(string path)
        {
            var bytes = File.ReadAllBytes(path);
            var outcome = PatchImage(bytes);
            if (outcome != PatchOutcome.Patched) return outcome;
            var temp = path + ".glibcxx-compat.tmp";
            File.Copy(path, temp, overwrite: true);   // keeps the file mode
            File.WriteAllBytes(temp, bytes);
            File.Replace(temp, path, null);            // rename over the original
            return outcome;
        }

        private static ushort U16(byte[] b, int o) => (ushort)(b[o] | b[o + 1] << 8);
        private static uint U32(byte[] b, int o) => (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24);
        private static ulong U64(byte[] b, int o) => U32(b, o) | (ulong)U32(b, o + 4) << 32;

        private static bool CStringEquals(byte[] b, int offset, string s)
        {
            if (offset < 0 || offset + s.Length >= b.Length) return false;
            for (int i = 0; i < s.Length; i++) if (b[offset + i] != (byte)s[i]) return false;
            return b[offset + s.Length] == 0;
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                int j = 0;
                while (j < needle.Length && haystack[i + j] == needle[j]) j++;
                if (j == needle.Length) return i;
            }
            return -1;
        }
    }

#if !GLIBCXX_COMPAT_NO_TASK
    /// <summary>MSBuild task: patches every libLibTorchSharp.so under <see cref="Directory"/> when needed.</summary>
    public sealed class PatchTorchSharpNative : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required] public string Directory { get; set; } = "";

        public override bool Execute()
        {
            if (!System.IO.Directory.Exists(Directory)) return true;
            var libraries = System.IO.Directory.GetFiles(Directory, "libLibTorchSharp.so", SearchOption.AllDirectories);
            if (libraries.Length == 0) return true;
            if (!GlibcxxCompat.SystemNeedsPatch(out var reason))
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, $"TorchSharp compat: no edit needed ({reason}).");
                return true;
            }
            foreach (var lib in libraries)
            {
                try
                {
                    var outcome = GlibcxxCompat.PatchFile(lib);
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                        $"TorchSharp compat: {lib}: {outcome} ({reason}).");
                }
                catch (Exception e)
                {
                    Log.LogError($"TorchSharp compat: could not patch {lib}: {e.Message}");
                }
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
