using System.Globalization;
using System.Runtime.InteropServices;
using Seq2Seq.Runtime;

namespace Workbook.Bench;

/// <summary>What machine a benchmark ran on, and how busy it was.</summary>
internal static class MachineProbe
{
    public static BenchReport.MachineInfo Describe() => new(CpuModel(), Environment.ProcessorCount,
        RuntimeInformation.OSDescription, $".NET {Environment.Version}", Devices.Describe());

    /// <summary>The 1-minute load average (first field of /proc/loadavg), or -1 where there is none.</summary>
    public static double LoadAverage()
    {
        const string loadavg = "/proc/loadavg";
        if (!File.Exists(loadavg)) return -1;
        var first = File.ReadAllText(loadavg).Split(' ')[0];
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : -1;
    }

    /// <summary>Minor page faults of this process so far (field 10 of /proc/self/stat), or -1 where there is none.
    /// A minor fault is the first touch of a fresh memory page: many per step means the allocator keeps returning
    /// memory to the OS and taking it back.</summary>
    public static long MinorPageFaults()
    {
        const string stat = "/proc/self/stat";
        if (!File.Exists(stat)) return -1;
        var text = File.ReadAllText(stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');                  // after "pid (comm) "
        return fields.Length > 7 && long.TryParse(fields[7], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : -1;
    }

    /// <summary>OMP_WAIT_POLICY as this process saw it ("default" when unset): it changes libtorch's CPU speed.</summary>
    public static string OmpWaitPolicy() => Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is { Length: > 0 } p ? p : "default";

    /// <summary>The "model name" line of /proc/cpuinfo on Linux; the architecture elsewhere.</summary>
    private static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        var line = File.Exists(cpuinfo) ? File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }
}
