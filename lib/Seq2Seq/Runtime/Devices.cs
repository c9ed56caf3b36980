using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Runtime;

/// <summary>Chooses where tensors live and how many CPU threads libtorch uses.</summary>
public static class Devices
{
    /// <summary>Environment variable that overrides the CPU thread count (e.g. SEQ2SEQ_THREADS=2).</summary>
    public const string ThreadsVariable = "SEQ2SEQ_THREADS";

    /// <summary>Environment variable that forces a device ("cpu", "cuda", "cuda:1").</summary>
    public const string DeviceVariable = "SEQ2SEQ_DEVICE";

    /// <summary>CUDA when a GPU is usable, else CPU. <c>SEQ2SEQ_DEVICE</c> overrides the choice.</summary>
    public static Device Best()
    {
        var forced = Environment.GetEnvironmentVariable(DeviceVariable);
        if (!string.IsNullOrWhiteSpace(forced))
        {
            // Checked before torch.device(...): without CUDA, constructing a CUDA device already throws libtorch's own
            // "Torch device type CUDA did not initialise", which does not name the variable.
            var name = forced.Trim();
            if (name.StartsWith("cuda", StringComparison.OrdinalIgnoreCase) && !CudaAvailable())
                throw new InvalidOperationException($"{DeviceVariable}={forced} asks for CUDA, but no CUDA device is usable.");
            return torch.device(name);
        }
        return CudaAvailable() ? torch.CUDA : torch.CPU;
    }

    /// <summary>Whether CUDA is usable. <c>torch.cuda.is_available()</c> can throw instead of returning false
    /// when the CUDA native packages are absent (TorchSharp's fallback loader), so it is guarded here.</summary>
    public static bool CudaAvailable()
    {
        try { return torch.cuda.is_available(); }
        catch (Exception e) when (e is NotSupportedException or DllNotFoundException or TypeInitializationException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Sets libtorch's intra-op thread count: <c>SEQ2SEQ_THREADS</c> if set, else
    /// <paramref name="fallback"/> if given, else libtorch's own default. Returns the count in effect.</summary>
    public static int ConfigureThreads(int? fallback = null)
    {
        var text = Environment.GetEnvironmentVariable(ThreadsVariable);
        int? wanted = fallback;
        if (!string.IsNullOrWhiteSpace(text))
        {
            if (!int.TryParse(text, out var n) || n < 1)
                throw new ArgumentException($"{ThreadsVariable}='{text}' is not a positive whole number.");
            wanted = n;
        }
        if (wanted is int threads) torch.set_num_threads(threads);
        return torch.get_num_threads();
    }

    /// <summary>One line describing the runtime, for logs and benchmark reports.</summary>
    public static string Describe() =>
        $"TorchSharp {typeof(torch).Assembly.GetName().Version}, libtorch {torch.__version__}, device {Best()}, threads {torch.get_num_threads()}";
}
