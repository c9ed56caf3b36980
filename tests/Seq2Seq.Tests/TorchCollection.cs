namespace Seq2Seq.Tests;

/// <summary>Tests that use libtorch run one at a time: they set seeds and thread counts, and the leak tests
/// read process-wide tensor statistics.</summary>
[CollectionDefinition("Sequential", DisableParallelization = true)]
public sealed class SequentialCollection;
