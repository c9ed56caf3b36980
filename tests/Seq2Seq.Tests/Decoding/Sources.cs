using Seq2Seq.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Tests.Decoding;

/// <summary>Source batches for <see cref="MarkovDecoder"/>: row b starts with an id ≡ keys[b] (mod 3) and has
/// lengths[b] non-pad ids (EOS last), padded to the longest row.</summary>
internal static class Sources
{
    public static Tensor Make(int[] keys, int[]? lengths = null)
    {
        lengths ??= keys.Select(_ => 4).ToArray();
        int width = lengths.Max();
        var ids = new long[keys.Length, width];   // zero-initialised = Pad
        for (int b = 0; b < keys.Length; b++)
        {
            ids[b, 0] = 6 + keys[b];
            for (int i = 1; i < lengths[b] - 1; i++) ids[b, i] = 5;
            if (lengths[b] > 1) ids[b, lengths[b] - 1] = SpecialTokens.Eos;
        }
        return torch.tensor(ids);   // [B, S]
    }

    /// <summary>Row b alone, without padding columns it doesn't need.</summary>
    public static Tensor Row(int[] keys, int[] lengths, int b) => Make([keys[b]], [lengths[b]]);
}
