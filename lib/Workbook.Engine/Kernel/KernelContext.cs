using System.Text.Json.Nodes;

namespace Workbook.Kernel;

/// <summary>The connection between cell code (display helpers) and the kernel host that sends outputs to the
/// parent. Set once by <see cref="KernelHost"/>; when unset (library use outside the runner) displays are no-ops.</summary>
public static class KernelContext
{
    private static Action<JsonObject, string?, bool>? sink;
    private static Action? flushConsole;

    internal static void Attach(Action<JsonObject, string?, bool> outputSink, Action flush)
    {
        sink = outputSink;
        flushConsole = flush;
    }

    /// <summary>Formats and emits a display_data output (or replaces the one with <paramref name="displayId"/>).</summary>
    internal static DisplayedValue Publish(object? value, string[] mimeTypes, string? displayId = null, bool update = false)
    {
        displayId ??= Guid.NewGuid().ToString("N");
        flushConsole?.Invoke(); // keep Console text printed before the display above it
        var output = KernelProtocol.DisplayData(OutputFormatter.Format(value, mimeTypes));
        sink?.Invoke(output, displayId, update);
        return new DisplayedValue(displayId, mimeTypes);
    }
}
