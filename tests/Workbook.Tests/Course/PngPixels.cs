using System.Buffers.Binary;
using System.IO.Compression;

namespace Workbook.Tests.Course;

/// <summary>Just enough of PNG (8-bit RGB/RGBA, non-interlaced, as Chromium writes screenshots) to read the pixels
/// back and tell a rendered page from a blank one.</summary>
internal sealed class PngPixels
{
    public int Width { get; }
    public int Height { get; }
    private readonly uint[] rgb;

    private PngPixels(int width, int height, uint[] rgb) => (Width, Height, this.rgb) = (width, height, rgb);

    public static PngPixels Decode(byte[] png)
    {
        Assert.True(png.Length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "not a PNG file");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (int at = 8; at + 8 <= png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                (width, height) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]));
                Assert.True(data[8] == 8 && data[12] == 0, "only 8-bit non-interlaced PNGs are read here");
                channels = data[9] switch { 2 => 3, 6 => 4, _ => throw new NotSupportedException($"PNG colour type {data[9]}") };
            }
            else if (type == "IDAT") idat.Write(data);
            at += 12 + length;
        }
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(inflated);
        var raw = inflated.ToArray();
        int stride = width * channels;
        var previous = new byte[stride];
        var current = new byte[stride];
        var pixels = new uint[width * height];
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (stride + 1)];
            raw.AsSpan(y * (stride + 1) + 1, stride).CopyTo(current);
            for (int x = 0; x < stride; x++)
            {
                int a = x >= channels ? current[x - channels] : 0, b = previous[x], c = x >= channels ? previous[x - channels] : 0;
                current[x] += (byte)(filter switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2, 4 => Paeth(a, b, c), _ => throw new InvalidDataException($"PNG filter {filter}") });
            }
            for (int x = 0; x < width; x++)
                pixels[y * width + x] = (uint)(current[x * channels] << 16 | current[x * channels + 1] << 8 | current[x * channels + 2]);
            (previous, current) = (current, previous);
        }
        return new PngPixels(width, height, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    public int DistinctColours => rgb.Distinct().Count();

    /// <summary>Share of the pixels taken by the most common colour (1.0 = a blank, single-colour image).</summary>
    public double DominantShare => rgb.GroupBy(p => p).Max(g => g.Count()) / (double)rgb.Length;

    /// <summary>Share of strongly coloured pixels (max − min channel ≥ 96): chart colour scales, not grey text.</summary>
    public double SaturatedShare => rgb.Count(p =>
    {
        int r = (int)(p >> 16) & 255, g = (int)(p >> 8) & 255, b = (int)p & 255;
        return Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b)) >= 96;
    }) / (double)rgb.Length;
}
