namespace Seq2Seq.Data;

/// <summary>Where a trainer is in the data stream: the epoch and the index of the next batch in it. Together with
/// <see cref="BatcherOptions.Seed"/> this is everything needed to resume the exact same order after a restart.</summary>
public readonly record struct DataPosition(int Epoch, int Batch);
