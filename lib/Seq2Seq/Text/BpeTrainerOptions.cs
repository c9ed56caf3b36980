namespace Seq2Seq.Text;

/// <summary>BPE training settings.</summary>
/// <param name="VocabSize">Target vocabulary size, specials and the character alphabet included; merges stop there.</param>
/// <param name="MinPairFrequency">Merges stop when the most frequent pair is rarer than this.</param>
public sealed record BpeTrainerOptions(int VocabSize = 8000, int MinPairFrequency = 2)
{
    /// <summary>A joint de+en vocabulary sized for Multi30k (29k sentence pairs).</summary>
    public static BpeTrainerOptions Multi30kJoint { get; } = new(VocabSize: 10000);
}
