namespace Seq2Seq.Training;

/// <summary>Where training stands: enough to continue exactly after a restart (with the weights, the
/// optimizer moments and the RNG state stored beside it in the checkpoint).</summary>
/// <param name="Step">Optimizer steps taken so far (the schedule's step is Step + 1 for the next update).</param>
/// <param name="Epoch">The current pass over the training batches (0-based).</param>
/// <param name="Position">Index, within this epoch's shuffled order, of the next batch to train on.</param>
/// <param name="Seed">The seed of the batch order (the order of epoch e is a pure function of Seed and e).</param>
/// <param name="BestScore">The best validation score so far (loss, or the metric), null before the first evaluation.</param>
/// <param name="BestStep">The step at which <paramref name="BestScore"/> was reached.</param>
/// <param name="EvalsWithoutImprovement">Evaluations since the best one (early stopping counts these).</param>
/// <param name="Seconds">Wall-clock seconds spent in training so far, evaluations included (a time budget counts these).</param>
public sealed record TrainingState(long Step, int Epoch, int Position, long Seed,
    double? BestScore = null, long BestStep = 0, int EvalsWithoutImprovement = 0, double Seconds = 0)
{
    public static TrainingState Start(long seed) => new(0, 0, 0, seed);
}
