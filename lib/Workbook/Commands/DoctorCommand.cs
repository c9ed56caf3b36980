using Seq2Seq.Runtime;
using TorchSharp;
using System.CommandLine;
using Workbook.Cli;

namespace Workbook.Commands;

/// <summary><c>workbook doctor</c>: proves the native stack works on this machine (libtorch loads, a tensor
/// computes, the device and thread count in use), so set-up problems surface before a notebook runs.</summary>
public sealed class DoctorCommand : IVerb
{
    public string Name => "doctor";
    public string Summary => "check that TorchSharp/libtorch load and compute on this machine";
    public string Usage => "usage: workbook doctor\n\nPrints the runtime, device and thread count, and computes a small tensor.";

    public IEnumerable<Symbol> Symbols => [];

    public Task<int> RunAsync(ParseResult args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        try
        {
            Devices.ConfigureThreads();
            using var scope = torch.NewDisposeScope();
            var sum = torch.ones(2, 3).sum().item<float>();
            stdout.WriteLine($"runtime:  .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}");
            stdout.WriteLine($"torch:    {Devices.Describe()}");
            stdout.WriteLine($"check:    torch.ones(2, 3).sum() = {sum}");
            stdout.WriteLine($"cuda:     {(Devices.CudaAvailable() ? $"available ({torch.cuda.device_count()} device(s))" : "not available, using CPU")}");
            return Task.FromResult(sum == 6f ? 0 : 1);
        }
        catch (Exception e)
        {
            stderr.WriteLine($"workbook doctor: TorchSharp failed to load or compute: {e.Message}");
            stderr.WriteLine("Rebuild with `dotnet build` (it applies the libstdc++ compatibility edit on older Linux).");
            return Task.FromResult(1);
        }
    }
}
