namespace Seq2Seq.Text;

/// <summary>The reserved ids every vocabulary in the course starts with, in this order.
/// Fixing them makes padding masks, decoding and checkpoints agree without passing ids around.</summary>
public static class SpecialTokens
{
    public const int Pad = 0;
    public const int Bos = 1;
    public const int Eos = 2;
    public const int Unk = 3;

    public const string PadText = "<pad>";
    public const string BosText = "<s>";
    public const string EosText = "</s>";
    public const string UnkText = "<unk>";

    /// <summary>The texts in id order (index = id).</summary>
    public static IReadOnlyList<string> All { get; } = [PadText, BosText, EosText, UnkText];
}
