using static TorchSharp.torch;

namespace Seq2Seq.Diagnostics;

/// <summary>Shape checks that name the dimensions, so a wrong shape fails loudly where it enters instead of
/// broadcasting silently three layers later.</summary>
public static class Shape
{
    /// <summary>Wildcard size for <see cref="Expect(Tensor, string, long[])"/>: any size is accepted in that dimension.</summary>
    public const long Any = -1;

    /// <summary>Throws unless <paramref name="tensor"/> has exactly the named dimensions with the given sizes.
    /// Example: <c>Shape.Expect(x, "B,T,D", b, t, d)</c> → "x: expected [B=2, T=5, D=32], got [2, 5, 16]".
    /// Pass <see cref="Any"/> for a dimension whose size is free.</summary>
    /// <param name="tensor">The tensor to check.</param>
    /// <param name="dims">Comma-separated dimension names from the shape legend, e.g. "B,H,T,Dh".</param>
    /// <param name="sizes">One expected size per name.</param>
    /// <param name="name">What the tensor is, for the message (defaults to the dimension names).</param>
    public static void Expect(Tensor tensor, string dims, long[] sizes, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var names = dims.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length != sizes.Length)
            throw new ArgumentException($"Shape.Expect: {names.Length} dimension names ('{dims}') but {sizes.Length} sizes.");
        var actual = tensor.shape;
        bool ok = actual.Length == sizes.Length;
        for (int i = 0; ok && i < sizes.Length; i++) ok = sizes[i] == Any || sizes[i] == actual[i];
        if (ok) return;
        var expected = string.Join(", ", names.Select((n, i) => sizes[i] == Any ? n : $"{n}={sizes[i]}"));
        throw new ArgumentException($"{name ?? dims}: expected [{expected}], got [{string.Join(", ", actual)}].");
    }

    /// <summary>Same as <see cref="Expect(Tensor, string, long[], string?)"/> with the sizes inline:
    /// <c>Shape.Expect(x, "B,T,D", b, t, d)</c>.</summary>
    public static void Expect(Tensor tensor, string dims, params long[] sizes) => Expect(tensor, dims, sizes, null);

    /// <summary>Throws unless the tensor has the given rank; the message names the expected layout.</summary>
    public static void ExpectRank(Tensor tensor, int rank, string layout, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.dim() != rank)
            throw new ArgumentException($"{name}: expected {rank} dimensions [{layout}], got [{string.Join(", ", tensor.shape)}].");
    }
}
