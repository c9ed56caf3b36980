using Seq2Seq.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Seq2Seq.Training;

/// <summary>Trains any <see cref="ISeq2SeqModel"/> that is also a <c>torch.nn.Module</c>: Adam with a warm-up
/// schedule, label smoothing, gradient clipping, one dispose scope per step, evaluation, early stopping,
/// progress reports and resumable checkpoints. <c>Fit</c> is the loop; <see cref="TrainStep"/> and
/// <see cref="Evaluate"/> are its parts, public so notebooks can show them one at a time.</summary>
public sealed partial class Trainer : IDisposable
{
    private readonly ISeq2SeqModel model;
    private readonly nn.Module module;
    private readonly IList<Parameter> parameters;
    private readonly optim.Optimizer optimizer;
    private readonly LabelSmoothingLoss criterion, plainCrossEntropy;
    private readonly ChunkedLoss? chunked;                    // when Options.LossChunkTokens > 0
    private readonly Device device;

    public TrainerOptions Options { get; }

    /// <summary>The model configuration as JSON; stored in every checkpoint and checked on resume.</summary>
    public string ConfigJson { get; }
    public TrainingState State { get; private set; }
    public TrainingHistory History { get; private set; } = new();

    /// <summary>Where progress goes (e.g. a <see cref="ConsoleProgress"/>); null = silent.</summary>
    public IProgress<TrainingProgress>? Progress { get; set; }

    /// <summary>A decoding metric (e.g. BLEU) computed at each evaluation; when set, early stopping and
    /// best.ckpt follow it instead of the validation cross-entropy.</summary>
    public ValidationMetric? Metric { get; set; }

    /// <summary>The learning rate used by the last step.</summary>
    public double LearningRate { get; private set; }

    /// <param name="model">The model; must derive from <c>torch.nn.Module</c>. Its device is its parameters' device.</param>
    /// <param name="options">Optimisation settings; validated here.</param>
    /// <param name="configJson">The model's configuration as JSON, saved with each checkpoint.</param>
    public Trainer(ISeq2SeqModel model, TrainerOptions options, string configJson = "{}")
    {
        options.Validate();
        (this.model, Options, ConfigJson) = (model, options, configJson);
        module = model as nn.Module ?? throw new ArgumentException($"{model.GetType().Name} is not a torch.nn.Module, so it has no parameters to train.", nameof(model));
        parameters = module.parameters().ToList();
        if (parameters.Count == 0) throw new ArgumentException($"{model.GetType().Name} has no parameters (did its constructor call RegisterComponents()?).", nameof(model));
        device = parameters[0].device;
        LearningRate = options.EffectiveSchedule.LearningRate(1);
        optimizer = optim.Adam(parameters, lr: LearningRate, beta1: options.Beta1, beta2: options.Beta2, eps: options.AdamEps, weight_decay: options.WeightDecay);
        criterion = new LabelSmoothingLoss(options.LabelSmoothing);
        plainCrossEntropy = new LabelSmoothingLoss(0);
        if (options.LossChunkTokens > 0)
        {
            if (model is not IProjectedOutput)
                throw new ArgumentException($"{nameof(TrainerOptions.LossChunkTokens)} needs a model that exposes its output projection ({nameof(IProjectedOutput)}); {model.GetType().Name} does not.", nameof(options));
            chunked = new ChunkedLoss(criterion, options.LossChunkTokens);
        }
        State = TrainingState.Start(options.Seed);
    }

    /// <summary>One optimizer update on <paramref name="batch"/>: set the scheduled rate, forward, label-smoothed
    /// loss, backward, clip, step. Owns one dispose scope; returns the loss per real target token.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="progress">How far the run is (0–1), for the schedule's cooldown.</param>
    public float TrainStep(Batch batch, double progress = 0)
    {
        using var scope = torch.NewDisposeScope();
        module.train();
        LearningRate = Options.EffectiveSchedule.Apply(optimizer, State.Step + 1, progress);
        optimizer.zero_grad();
        var (src, tgtIn, tgtOut) = batch.ToTensors(device);
        float value;
        if (chunked is not null) value = chunked.Backward((IProjectedOutput)model, src, tgtIn, tgtOut);
        else
        {
            var loss = criterion.forward(model.Logits(src, tgtIn), tgtOut);
            value = loss.item<float>();
            if (float.IsFinite(value)) loss.backward();
        }
        if (!float.IsFinite(value))
            throw new InvalidOperationException($"training loss is {value} at step {State.Step + 1} (lr {LearningRate:G3}); lower the learning rate or check the batch for out-of-range ids.");
        if (Options.MaxGradNorm > 0) nn.utils.clip_grad_norm_(parameters, Options.MaxGradNorm);
        optimizer.step();
        State = State with { Step = State.Step + 1 };
        return value;
    }

    /// <summary>Teacher-forced loss and cross-entropy over <paramref name="batches"/> (per real token), plus
    /// <see cref="Metric"/> if set. Runs in eval mode under no_grad, one scope per batch.</summary>
    public EvaluationResult Evaluate(IReadOnlyList<Batch> batches)
    {
        module.eval();
        try
        {
            using var noGrad = torch.no_grad();
            double loss = 0, nll = 0;
            long tokens = 0;
            foreach (var batch in batches)
            {
                using var scope = torch.NewDisposeScope();
                var (src, tgtIn, tgtOut) = batch.ToTensors(device);
                var (batchLoss, batchNll, count) = BatchSums(src, tgtIn, tgtOut);
                (loss, nll, tokens) = (loss + batchLoss, nll + batchNll, tokens + count);
            }
            double? metric = Metric?.Compute(model);
            return tokens == 0 ? new(double.NaN, double.NaN, 0, metric) : new(loss / tokens, nll / tokens, tokens, metric);
        }
        finally { module.train(); }
    }

    // Summed label-smoothed loss and cross-entropy of one batch, and its real-token count: one forward pass for both.
    private (double Loss, double Nll, long Tokens) BatchSums(Tensor src, Tensor tgtIn, Tensor tgtOut)
    {
        if (chunked is not null)
        {
            var (sums, count) = chunked.Sums((IProjectedOutput)model, src, tgtIn, tgtOut, criterion, plainCrossEntropy);
            return (sums[0], sums[1], count);
        }
        var logits = model.Logits(src, tgtIn);
        var (sum, tokens) = criterion.SumAndCount(logits, tgtOut);
        return (sum.item<float>(), plainCrossEntropy.SumAndCount(logits, tgtOut).Sum.item<float>(), tokens.item<long>());
    }

    /// <summary>Restores weights, optimizer moments, RNG, <see cref="State"/> and <see cref="History"/> from a
    /// checkpoint written for the same model configuration; <c>Fit</c> then continues exactly.</summary>
    public void Resume(string checkpointPath)
    {
        var checkpoint = Checkpoint.Read(checkpointPath);
        if (checkpoint.Metadata.ConfigJson != ConfigJson)
            throw new InvalidDataException($"checkpoint '{checkpointPath}' was written for config {checkpoint.Metadata.ConfigJson}, but this model has config {ConfigJson}.");
        checkpoint.LoadModel(module);
        checkpoint.LoadOptimizer(optimizer);
        checkpoint.RestoreRng();
        (State, History) = (checkpoint.Metadata.State, checkpoint.Metadata.History);
    }

    /// <summary>Saves a checkpoint of the current state to <paramref name="path"/> (atomically).</summary>
    public void Save(string path) => Checkpoint.Save(path, module, optimizer, State, ConfigJson, History);

    public void Dispose()
    {
        optimizer.Dispose();
        criterion.Dispose();
        plainCrossEntropy.Dispose();
    }
}
