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

    /// <summary>The "model name" line of /proc/cpuinfo on Linux; the architecture elsewhere.</summary>
    private static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        var line = File.Exists(cpuinfo) ? File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }
}
