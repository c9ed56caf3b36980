using static TorchSharp.torch;

namespace Seq2Seq.Training;

/// <summary>Compares a checkpoint's recorded state_dict layout with a model's before anything is copied,
/// so loading a checkpoint of another configuration fails with the entry and both configs named.</summary>
internal static class CheckpointCompatibility
{
    public static void Check(Checkpoint checkpoint, Dictionary<string, Tensor> target, Type modelType)
    {
        var saved = checkpoint.Metadata.Parameters;
        string? problem = null;
        var missing = target.Keys.Where(k => !saved.ContainsKey(k)).ToList();
        var extra = saved.Keys.Where(k => !target.ContainsKey(k)).ToList();
        if (missing.Count > 0) problem = $"the model has entries the file lacks ({Names(missing)})";
        else if (extra.Count > 0) problem = $"the file has entries the model lacks ({Names(extra)})";
        else
        {
            var wrong = target.FirstOrDefault(kv => !kv.Value.shape.SequenceEqual(saved[kv.Key]));
            if (wrong.Key is not null)
                problem = $"entry '{wrong.Key}' has shape {Shape(saved[wrong.Key])} in the file but {Shape(wrong.Value.shape)} in the model";
        }
        if (problem is null) return;
        var sameType = checkpoint.Metadata.ModelType == (modelType.FullName ?? modelType.Name);
        throw CheckpointFormat.Corrupt(checkpoint.Path,
            $"it was saved from {(sameType ? "a model with another configuration" : checkpoint.Metadata.ModelType)}: {problem}. " +
            $"Saved config: {checkpoint.Metadata.ConfigJson}");
    }

    private static string Names(List<string> names) =>
        string.Join(", ", names.Take(5).Select(n => $"'{n}'")) + (names.Count > 5 ? $" and {names.Count - 5} more" : "");

    private static string Shape(long[] shape) => "[" + string.Join(", ", shape) + "]";
}
