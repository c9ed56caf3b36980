using System.Text;
using Microsoft.ML.Tokenizers;

namespace Seq2Seq.Text;

/// <summary>BPE subword tokenizer: our <see cref="BpeModel"/> (from <see cref="BpeTrainer"/>) loaded into
/// Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/> with a whitespace pre-tokenizer and the &lt;/w&gt;
/// end-of-word suffix. Guarantee: <c>Decode(Encode(s)) == Normalize(s)</c> (whitespace runs collapsed to one space,
/// trimmed) for every text whose characters were seen in training; an unseen character becomes
/// <see cref="SpecialTokens.Unk"/> (decoded as "&lt;unk&gt;"), never silently dropped.</summary>
public sealed class SubwordTokenizer : ITextEncoder
{
    private readonly BpeTokenizer bpe;
    private readonly string[] tokens;   // id → token

    private SubwordTokenizer(BpeTokenizer bpe, BpeModel model)
    {
        (this.bpe, Model) = (bpe, model);
        tokens = new string[model.Vocabulary.Count];
        foreach (var (token, id) in model.Vocabulary)
        {
            if (id < 0 || id >= tokens.Length || tokens[id] is not null)
                throw new ArgumentException($"BPE vocabulary ids must be 0..{tokens.Length - 1}, each once; '{token}' has id {id}.");
            tokens[id] = token;
        }
    }

    /// <summary>The model this tokenizer was built from.</summary>
    public BpeModel Model { get; }

    public static SubwordTokenizer FromModel(BpeModel model)
    {
        for (int i = 0; i < SpecialTokens.All.Count; i++)
            if (!model.Vocabulary.TryGetValue(SpecialTokens.All[i], out var id) || id != i)
                throw new ArgumentException($"the BPE vocabulary must map {SpecialTokens.All[i]} to {i}.");
        using var vocab = new MemoryStream(Encoding.UTF8.GetBytes(model.VocabJson()));
        using var merges = new MemoryStream(Encoding.UTF8.GetBytes(model.MergesText()));
        var specials = SpecialTokens.All.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        var bpe = BpeTokenizer.Create(vocab, merges, PreTokenizer.CreateWhiteSpace(specials), normalizer: null,
            specialTokens: specials, unknownToken: SpecialTokens.UnkText, continuingSubwordPrefix: null,
            endOfWordSuffix: BpeModel.EndOfWordSuffix, fuseUnknownTokens: false);
        return new SubwordTokenizer(bpe, model);
    }

    /// <summary>Loads vocab.json + merges.txt from <paramref name="directory"/> (as written by <see cref="BpeModel.Save"/>).</summary>
    public static SubwordTokenizer Load(string directory)
    {
        var vocabPath = Path.Combine(directory, BpeModel.VocabFileName);
        var mergesPath = Path.Combine(directory, BpeModel.MergesFileName);
        var vocab = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(vocabPath))
            ?? throw new InvalidDataException($"{vocabPath}: not a JSON object of token → id.");
        var merges = new List<(string, string)>();
        var lines = File.ReadAllLines(mergesPath, Encoding.UTF8);
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith("#version", StringComparison.Ordinal)) continue;
            var parts = lines[i].Split(' ');
            if (parts.Length != 2) throw new InvalidDataException($"{mergesPath}:{i + 1}: expected 'left right', got '{lines[i]}'.");
            merges.Add((parts[0], parts[1]));
        }
        return FromModel(new BpeModel(vocab, merges));
    }

    /// <summary>The form <see cref="Decode"/> restores: whitespace runs collapsed to one space, ends trimmed.</summary>
    public static string Normalize(string text) => string.Join(' ', Vocabulary.Tokenize(text));

    public int VocabSize => Model.Vocabulary.Count;

    public int[] Encode(string text) => bpe.EncodeToIds(text).ToArray();

    /// <summary>The subword pieces of <paramref name="text"/> (word-final ones end in &lt;/w&gt;).</summary>
    public IReadOnlyList<string> Pieces(string text) => Encode(text).Select(TokenOf).ToList();

    public string TokenOf(int id) => id >= 0 && id < tokens.Length ? tokens[id]
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"vocabulary has {VocabSize} entries");

    public string Decode(IEnumerable<int> ids)
    {
        var kept = new List<int>();
        foreach (var id in ids)
        {
            if (id == SpecialTokens.Eos) break;
            if (id is SpecialTokens.Pad or SpecialTokens.Bos) continue;
            kept.Add(id);
        }
        // Decode turns "</w>" into a space; an <unk> is a whole token, so give it a space of its own.
        var sb = new StringBuilder();
        foreach (var id in kept) sb.Append(id == SpecialTokens.Unk ? SpecialTokens.UnkText + " " : TokenOf(id).Replace(BpeModel.EndOfWordSuffix, " "));
        return Normalize(sb.ToString());
    }
}
