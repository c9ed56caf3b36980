namespace Workbook.Kernel;

/// <summary>What <c>display(x)</c> returns, as in the C# kernel: <see cref="Update"/> replaces the displayed output
/// in place (same display id), e.g. for a progress line. A cell whose value is a DisplayedValue shows nothing more.</summary>
public sealed class DisplayedValue
{
    private readonly string[] mimeTypes;

    internal DisplayedValue(string displayId, string[] mimeTypes)
    {
        DisplayId = displayId;
        this.mimeTypes = mimeTypes;
    }

    /// <summary>Identifies the output across updates.</summary>
    public string DisplayId { get; }

    /// <summary>Re-formats <paramref name="value"/> with the original mime types and replaces the output.</summary>
    public void Update(object? value) => KernelContext.Publish(value, mimeTypes, DisplayId, update: true);
}
