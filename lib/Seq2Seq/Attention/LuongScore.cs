namespace Seq2Seq.Attention;

/// <summary>The three score functions of Luong, Pham &amp; Manning 2015, §3.1 (Eq. 8).</summary>
public enum LuongScore
{
    /// <summary>score = hₜᵀ h̄ₛ (no parameters; query and key sizes must match).</summary>
    Dot,

    /// <summary>score = hₜᵀ W_a h̄ₛ.</summary>
    General,

    /// <summary>score = v_aᵀ tanh(W_a [hₜ; h̄ₛ]).</summary>
    Concat,
}
