namespace Seq2Seq.Layers;

/// <summary>How a Transformer encodes token positions.</summary>
public enum PositionalEncodingKind
{
    /// <summary>Fixed sines and cosines (<see cref="PositionalEncoding"/>), the paper's choice.</summary>
    Sinusoidal,

    /// <summary>One trained vector per position (<see cref="LearnedPositionalEncoding"/>).</summary>
    Learned,

    /// <summary>No positions (<see cref="NoPositionalEncoding"/>): a bag of tokens. For the experiment that shows
    /// why positions are needed (notebook 07), not for real models.</summary>
    None,
}
