using System.Diagnostics;

namespace Workbook.Tests.Support;

/// <summary>Runs an outside program the tests use as a real client (Chromium, Jupyter's tools, Python): both streams
/// captured, killed with its children when it overruns its time limit.</summary>
internal static class ExternalProcess
{
    public static async Task<(int Code, string Out, string Err)> Run(string file, IEnumerable<string> args, TimeSpan timeout,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        var list = args.ToList();
        foreach (var a in list) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', list)} took over {timeout.TotalSeconds} s: {await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
