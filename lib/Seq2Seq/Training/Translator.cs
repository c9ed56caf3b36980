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
/// <param name="lengthPenalty">GNMT length-penalty α of beam search (<see cref="BeamOptions.Alpha"/>, default 0.6).</param>
public sealed class Translator(ISeq2SeqModel model, ITextEncoder source, ITextEncoder target, int beamSize = 1,
    DecodeOptions? decode = null, int maxSourceTokens = int.MaxValue, int batchSize = 64, double lengthPenalty = 0.6)
{
    private readonly nn.Module module = model as nn.Module
        ?? throw new ArgumentException($"{model.GetType().Name} is not a torch.nn.Module.", nameof(model));

    /// <summary>The translations of <paramref name="sentences"/>, in order ("" for an empty line).</summary>
    public IReadOnlyList<string> Translate(IReadOnlyList<string> sentences) => Translate(sentences, null);

    /// <summary>As <see cref="Translate(IReadOnlyList{string})"/>; <paramref name="progress"/> is told after each
    /// batch how many sentences are done.</summary>
    public IReadOnlyList<string> Translate(IReadOnlyList<string> sentences, Action<int>? progress) =>
        Decode(sentences, 1, progress).Select(n => n.Count > 0 ? target.Decode(n[0].Tokens) : "").ToList();

    /// <summary>The <paramref name="nBest"/> best hypotheses per sentence, best first (greedy search gives one;
    /// an empty line none). <paramref name="nBest"/> must not exceed the beam size.</summary>
    public IReadOnlyList<IReadOnlyList<Hypothesis>> Decode(IReadOnlyList<string> sentences, int nBest = 1, Action<int>? progress = null)
    {
        if (beamSize < 1) throw new ArgumentOutOfRangeException(nameof(beamSize), beamSize, "beam size must be ≥ 1.");
        var beam = beamSize == 1 ? null : new BeamOptions(BeamSize: beamSize, Alpha: lengthPenalty, NBest: nBest).Validate();
        if (beam is null && nBest != 1) throw new ArgumentOutOfRangeException(nameof(nBest), nBest, "greedy search (beam 1) gives one hypothesis per sentence.");
        var output = new IReadOnlyList<Hypothesis>[sentences.Count];
        var todo = Enumerable.Range(0, sentences.Count).Where(i => !string.IsNullOrWhiteSpace(sentences[i])).ToList();
        foreach (var i in Enumerable.Range(0, sentences.Count).Except(todo)) output[i] = [];
        var device = module.parameters().First().device;
        bool wasTraining = module.training;
        module.eval();
        try
        {
            using var noGrad = torch.no_grad();
            int done = sentences.Count - todo.Count;
            foreach (var chunk in todo.Chunk(batchSize))
            {
                using var scope = torch.NewDisposeScope();
                var srcIds = torch.tensor(Pad(chunk.Select(i => SourceIds(sentences[i])).ToList()), device: device);   // [B, S]
                var found = beam is null
                    ? GreedySearch.Decode(model, srcIds, decode).Select(h => (IReadOnlyList<Hypothesis>)[h]).ToList()
                    : BeamSearch.Decode(model, srcIds, beam, decode);
                for (int j = 0; j < chunk.Length; j++) output[chunk[j]] = found[j];
                progress?.Invoke(done += chunk.Length);
            }
        }
        finally { module.train(wasTraining); }
        return output;
    }

    /// <summary>The source ids the model sees for <paramref name="sentence"/>: encoded, cut to maxSourceTokens, then EOS.</summary>
    public int[] SourceIds(string sentence)
    {
        var ids = source.Encode(sentence);
        return [.. ids.Take(Math.Min(ids.Length, maxSourceTokens)), SpecialTokens.Eos];
    }

    private static long[,] Pad(IReadOnlyList<int[]> rows)
    {
        var ids = new long[rows.Count, rows.Max(r => r.Length)];   // Pad = 0
        for (int r = 0; r < rows.Count; r++)
            for (int j = 0; j < rows[r].Length; j++) ids[r, j] = rows[r][j];
        return ids;
    }
}
