namespace Seq2Seq.Recurrent;

/// <summary>Which decoder <see cref="RnnSeq2Seq"/> builds.</summary>
public enum RnnAttention
{
    /// <summary>No attention: the whole source is squeezed into the final encoder state (Cho et al. 2014).</summary>
    None,

    /// <summary>Additive attention on the previous decoder state (Bahdanau et al. 2015).</summary>
    Bahdanau,

    /// <summary>Dot/general/concat attention on the current decoder state (Luong et al. 2015).</summary>
    Luong,
}
