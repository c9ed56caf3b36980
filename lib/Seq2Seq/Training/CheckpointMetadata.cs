namespace Seq2Seq.Training;

/// <summary>The JSON part of a checkpoint: what was saved, for which model, and where training stood.</summary>
/// <param name="FormatVersion">The file format (<see cref="Checkpoint.FormatVersion"/>).</param>
/// <param name="ModelType">The model's .NET type name, to name the mismatch when a checkpoint is loaded into another model.</param>
/// <param name="ConfigJson">The model configuration as JSON (e.g. a serialised TransformerConfig).</param>
/// <param name="State">Where training stood when the file was written.</param>
/// <param name="History">The loss curves up to that point.</param>
/// <param name="Parameters">Every state_dict entry's name and shape, checked before any weight is copied.</param>
/// <param name="OptimizerType">The optimizer's type name, or null when no optimizer state was saved.</param>
/// <param name="SavedUtc">When the file was written.</param>
public sealed record CheckpointMetadata(
    int FormatVersion, string ModelType, string ConfigJson, TrainingState State, TrainingHistory History,
    Dictionary<string, long[]> Parameters, string? OptimizerType, DateTime SavedUtc);
