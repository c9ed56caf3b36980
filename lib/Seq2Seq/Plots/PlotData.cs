using static TorchSharp.torch;

namespace Seq2Seq.Plots;

/// <summary>Conversions from what models produce (tensors, jagged arrays) to the plain matrices the plots take.</summary>
internal static class PlotData
{
    /// <summary>A 2-D tensor [rows, cols] (any device, any float type, grad or not) → float[rows, cols].</summary>
    public static float[,] ToMatrix(Tensor matrix, string what)
    {
        if (matrix.dim() != 2)
            throw new ArgumentException($"{what}: expected a 2-D tensor [rows, cols], got [{string.Join(", ", matrix.shape)}].", nameof(matrix));
        using var cpu = matrix.detach().to(ScalarType.Float32).cpu().contiguous();
        var flat = cpu.data<float>().ToArray();
        var (rows, cols) = ((int)matrix.shape[0], (int)matrix.shape[1]);
        var result = new float[rows, cols];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(float));
        return result;
    }

    /// <summary>Jagged rows → a rectangular matrix; throws when rows differ in length.</summary>
    public static float[,] ToMatrix(float[][] rows, string what)
    {
        int cols = rows.Length == 0 ? 0 : rows[0].Length;
        var result = new float[rows.Length, cols];
        for (int r = 0; r < rows.Length; r++)
        {
            if (rows[r].Length != cols)
                throw new ArgumentException($"{what}: row {r} has {rows[r].Length} values, row 0 has {cols}.", nameof(rows));
            for (int c = 0; c < cols; c++) result[r, c] = rows[r][c];
        }
        return result;
    }

    /// <summary>float[rows, cols] → rows as arrays (the shape Plotly's z takes).</summary>
    public static float[][] Rows(float[,] matrix) =>
        Enumerable.Range(0, matrix.GetLength(0))
            .Select(r => Enumerable.Range(0, matrix.GetLength(1)).Select(c => matrix[r, c]).ToArray()).ToArray();
}
