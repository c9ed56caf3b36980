namespace Seq2Seq.Training;

/// <summary>What a <see cref="TrainingProgress"/> report is about.</summary>
public enum ProgressKind { Train, Validation, Done }
