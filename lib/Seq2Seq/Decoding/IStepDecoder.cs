using static TorchSharp.torch;

namespace Seq2Seq.Decoding;

/// <summary>What a decoder carries from one step to the next (encoder memory, source mask, RNN hidden
/// state or Transformer key/value cache). Beam search reorders it; the decoding loops keep exactly
/// <see cref="Tensors"/> alive across their per-step dispose scopes.</summary>
public interface IDecoderState
{
    /// <summary>A state whose batch rows are <c>state[index]</c>: index [B'] (int64) selects and repeats rows.
    /// Used by beam search (expand each sentence to K beams, follow surviving beams).</summary>
    IDecoderState Select(Tensor index);

    /// <summary>Every tensor this state owns, so a loop can <c>DisposeEverythingBut</c> them.</summary>
    IEnumerable<Tensor> Tensors { get; }
}

/// <summary>A sequence-to-sequence model seen one output token at a time. Greedy, sampling and beam
/// search are written once against this interface and work for the GRU and the Transformer models.</summary>
public interface IStepDecoder
{
    /// <summary>Encodes the source. srcIds: [B, S] int64, padded with <see cref="Text.SpecialTokens.Pad"/>.</summary>
    IDecoderState Start(Tensor srcIds);

    /// <summary>One decoding step. lastTokens: [B] int64 (BOS at the first step).
    /// Returns log-probabilities [B, V] of the next token and the advanced state.</summary>
    (Tensor LogProbs, IDecoderState State) Step(Tensor lastTokens, IDecoderState state);
}
