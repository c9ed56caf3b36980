namespace Seq2Seq.Decoding;

/// <summary>Settings for ancestral sampling (<see cref="Sampling"/>).</summary>
/// <param name="Temperature">Divides the log-probabilities before renormalising: &lt; 1 sharpens, &gt; 1 flattens.
/// 0 means "always the most probable token" (greedy search).</param>
/// <param name="TopK">Sample only among the K most probable tokens (Fan et al. 2018); 0 = no limit.</param>
/// <param name="TopP">Nucleus sampling (Holtzman et al. 2020): sample only from the smallest set of most probable
/// tokens whose probability mass reaches TopP, in (0, 1]; 1 = no limit. Applied after temperature and top-k.</param>
/// <param name="Seed">Seed of the sampler's own torch.Generator: the same seed, model and input give the same
/// samples, whatever else used the global random state.</param>
public sealed record SamplingOptions(double Temperature = 1.0, int TopK = 0, double TopP = 1.0, ulong Seed = 0)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public SamplingOptions Validate()
    {
        if (!double.IsFinite(Temperature) || Temperature < 0)
            throw new ArgumentException($"SamplingOptions.Temperature must be a finite number ≥ 0, got {Temperature}.");
        if (TopK < 0) throw new ArgumentException($"SamplingOptions.TopK must be ≥ 0 (0 = no limit), got {TopK}.");
        if (!(TopP > 0 && TopP <= 1)) throw new ArgumentException($"SamplingOptions.TopP must be in (0, 1], got {TopP}.");
        return this;
    }
}
