using System.Security.Cryptography;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Training;

/// <summary>The byte layout of a checkpoint file: an 8-byte magic, the format version (int32), the payload
/// length (int64), the SHA-256 of the payload (32 bytes), then the payload. The payload is the metadata JSON
/// followed by named binary sections (model, optimizer, rng). Tensors are stored as dtype, shape, raw bytes.</summary>
internal static class CheckpointFormat
{
    public static ReadOnlySpan<byte> Magic => "S2SCKPT\n"u8;
    public const int HeaderLength = 8 + 4 + 8 + 32;

    public static void WriteFile(Stream output, int version, byte[] payload)
    {
        using var w = new BinaryWriter(output, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(version);
        w.Write((long)payload.Length);
        w.Write(SHA256.HashData(payload));
        w.Write(payload);
        w.Flush();
    }

    /// <summary>Returns the verified payload, or throws naming the file and what is wrong with it.</summary>
    public static byte[] ReadFile(string path, int expectedVersion)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint '{path}' does not exist.", path);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < HeaderLength)
            throw Corrupt(path, $"it is truncated: {bytes.Length} bytes, shorter than the {HeaderLength}-byte header");
        if (!bytes.AsSpan(0, 8).SequenceEqual(Magic))
            throw Corrupt(path, "it is not a Seq2Seq checkpoint (the file does not start with the checkpoint magic)");
        int version = BitConverter.ToInt32(bytes, 8);
        if (version != expectedVersion)
            throw Corrupt(path, $"it has format version {version}, but this build reads version {expectedVersion}");
        long length = BitConverter.ToInt64(bytes, 12);
        if (length != bytes.Length - HeaderLength)
            throw Corrupt(path, $"it is truncated or padded: the header announces {length} payload bytes, the file holds {bytes.Length - HeaderLength}");
        var payload = bytes.AsSpan(HeaderLength).ToArray();
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(bytes.AsSpan(20, 32)))
            throw Corrupt(path, "its content checksum (SHA-256) does not match: the file is corrupted");
        return payload;
    }

    public static InvalidDataException Corrupt(string path, string problem) =>
        new($"checkpoint '{path}' cannot be used: {problem}.");

    public static void WriteTensor(BinaryWriter w, Tensor t)
    {
        using var scope = torch.NewDisposeScope();
        var cpu = t.detach().cpu().contiguous();
        w.Write((int)cpu.dtype);
        w.Write(cpu.shape.Length);
        foreach (var d in cpu.shape) w.Write(d);
        var data = cpu.bytes.ToArray();
        w.Write(data.Length);
        w.Write(data);
    }

    /// <summary>Reads a tensor written by <see cref="WriteTensor"/> (on the CPU; the caller owns it).</summary>
    public static Tensor ReadTensor(BinaryReader r)
    {
        var dtype = (ScalarType)r.ReadInt32();
        var shape = new long[r.ReadInt32()];
        for (int i = 0; i < shape.Length; i++) shape[i] = r.ReadInt64();
        var data = r.ReadBytes(r.ReadInt32());
        var t = torch.empty(shape, dtype: dtype);
        t.bytes = data;
        return t;
    }
}
