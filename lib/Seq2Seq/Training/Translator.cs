using Seq2Seq.Decoding;
using Seq2Seq.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Seq2Seq.Training;

/// <summary>Text in, text out: encodes sentences, decodes them in batches with greedy search (beam 1) or beam
/// search, and detokenizes. Used for validation BLEU during training and by <c>workbook translate</c>.</summary>
/// <param name="model">A trained model (a <c>torch.nn.Module</c>); it is put in eval mode.</param>
/// <param name="source">Encodes the source side (ids without BOS/EOS; EOS is appended here, as the Batcher does).</param>
/// <param name="target">Decodes output ids to text.</param>
/// <param name="beamSize">1 = greedy search, K &gt; 1 = beam search with the GNMT length penalty.</param>
/// <param name="decode">Length limits of the search.</param>
/// <param name="maxSourceTokens">Longer sources are cut to this many ids (plus EOS), e.g. the model's position limit.</param>
/// <param name="batchSize">Sentences decoded together.</param>
public sealed class Translator(ISeq2SeqModel model, ITextEncoder source, ITextEncoder target, int beamSize = 1,
    DecodeOptions? decode = null, int maxSourceTokens = int.MaxValue, int batchSize = 64)
{
    private readonly nn.Module module = model as nn.Module
        ?? throw new ArgumentException($"{model.GetType().Name} is not a torch.nn.Module.", nameof(model));

    /// <summary>The translations of <paramref name="sentences"/>, in order ("" for an empty line).</summary>
    public IReadOnlyList<string> Translate(IReadOnlyList<string> sentences)
    {
        if (beamSize < 1) throw new ArgumentOutOfRangeException(nameof(beamSize), beamSize, "beam size must be ≥ 1.");
        var output = new string[sentences.Count];
        var todo = Enumerable.Range(0, sentences.Count).Where(i => !string.IsNullOrWhiteSpace(sentences[i])).ToList();
        foreach (var i in Enumerable.Range(0, sentences.Count).Except(todo)) output[i] = "";
        var device = module.parameters().First().device;
        bool wasTraining = module.training;
        module.eval();
        try
        {
            using var noGrad = torch.no_grad();
            foreach (var chunk in todo.Chunk(batchSize))
            {
                using var scope = torch.NewDisposeScope();
                var srcIds = torch.tensor(Pad(chunk.Select(i => source.Encode(sentences[i])).ToList()), device: device);   // [B, S]
                IReadOnlyList<Hypothesis?> best = beamSize == 1
                    ? GreedySearch.Decode(model, srcIds, decode).ToList<Hypothesis?>()
                    : BeamSearch.Decode(model, srcIds, new BeamOptions(BeamSize: beamSize), decode).Select(n => n.Count > 0 ? n[0] : null).ToList();
                for (int j = 0; j < chunk.Length; j++) output[chunk[j]] = best[j] is { } h ? target.Decode(h.Tokens) : "";
            }
        }
        finally { module.train(wasTraining); }
        return output;
    }

    private long[,] Pad(IReadOnlyList<int[]> rows)
    {
        int width = rows.Max(r => Math.Min(r.Length, maxSourceTokens)) + 1;
        var ids = new long[rows.Count, width];                   // Pad = 0
        for (int r = 0; r < rows.Count; r++)
        {
            int n = Math.Min(rows[r].Length, maxSourceTokens);
            for (int j = 0; j < n; j++) ids[r, j] = rows[r][j];
            ids[r, n] = SpecialTokens.Eos;
        }
        return ids;
    }
}
