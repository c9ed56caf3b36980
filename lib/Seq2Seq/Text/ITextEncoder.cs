namespace Seq2Seq.Text;

/// <summary>Text ↔ ids for one language side: a word-level <see cref="Vocabulary"/> or a BPE
/// <see cref="SubwordTokenizer"/>. Ids 0..3 are always <see cref="SpecialTokens"/>.</summary>
public interface ITextEncoder
{
    /// <summary>Number of ids (V): valid ids are 0..V-1.</summary>
    int VocabSize { get; }

    /// <summary>Ids of <paramref name="text"/>, without BOS/EOS (the batcher adds those). Unknown pieces map to
    /// <see cref="SpecialTokens.Unk"/>, never to nothing.</summary>
    int[] Encode(string text);

    /// <summary>Text of <paramref name="ids"/>: stops at the first EOS, skips PAD and BOS.</summary>
    string Decode(IEnumerable<int> ids);

    /// <summary>The piece (word or subword) an id stands for, for display (attention heatmap axes).</summary>
    string TokenOf(int id);
}
