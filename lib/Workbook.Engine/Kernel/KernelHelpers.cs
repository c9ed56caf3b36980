namespace Workbook.Kernel;

/// <summary>The helpers a C# kernel cell sees without qualification (the runner submits
/// <c>using static Workbook.Kernel.KernelHelpers;</c> first, as the kernel does with its Kernel class).</summary>
public static class KernelHelpers
{
    /// <summary>Displays <paramref name="value"/> below the cell, formatted for <paramref name="mimeTypes"/>
    /// (default: text/html + text/plain for objects, text/plain for strings).</summary>
#pragma warning disable IDE1006 // the kernel's API is lower-case
    public static DisplayedValue display(object? value, params string[] mimeTypes) => KernelContext.Publish(value, mimeTypes);
#pragma warning restore IDE1006

    /// <summary>Marks a string as HTML so it displays as text/html.</summary>
    public static HtmlString HTML(string html) => new(html);
}

/// <summary>A string that displays as raw HTML (result of <see cref="KernelHelpers.HTML"/>).</summary>
public sealed record HtmlString(string Html)
{
    public override string ToString() => Html;
}
