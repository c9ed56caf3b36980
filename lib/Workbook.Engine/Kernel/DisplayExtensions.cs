using Workbook.Kernel;

// The kernel declares these in namespace System so that `x.Display()` works without a using; so do we.
namespace System;

/// <summary><c>x.Display()</c> and <c>text.DisplayAs(mime)</c>, as in the C# kernel.</summary>
public static class DisplayExtensions
{
    /// <summary>Displays the value below the cell (see <see cref="KernelHelpers.display"/>).</summary>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) => KernelContext.Publish(value, mimeTypes);

    /// <summary>Displays already-formatted text under the given mime type, e.g. <c>"&lt;b&gt;hi&lt;/b&gt;".DisplayAs("text/html")</c>.</summary>
    public static DisplayedValue DisplayAs(this string text, string mimeType) =>
        KernelContext.Publish(new Workbook.Kernel.PreformattedValue(text, mimeType), Array.Empty<string>());
}
