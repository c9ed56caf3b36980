using System.Text;
using System.Text.Json;

namespace Seq2Seq.Text;

/// <summary>A trained BPE model: the vocabulary (token → id; ids 0..3 are <see cref="SpecialTokens"/>) and the
/// merges in priority order. Saved as <c>vocab.json</c> + <c>merges.txt</c>, the files
/// Microsoft.ML.Tokenizers' <c>BpeTokenizer.Create</c> loads. Word-final symbols carry
/// <see cref="EndOfWordSuffix"/>, which is how decoding puts the spaces back.</summary>
public sealed record BpeModel(IReadOnlyDictionary<string, int> Vocabulary, IReadOnlyList<(string Left, string Right)> Merges)
{
    public const string EndOfWordSuffix = "</w>";
    public const string VocabFileName = "vocab.json";
    public const string MergesFileName = "merges.txt";

    /// <summary>The vocab.json text: one JSON object, entries in id order.</summary>
    public string VocabJson()
    {
        var ordered = Vocabulary.OrderBy(kv => kv.Value).ToDictionary(kv => kv.Key, kv => kv.Value);
        return JsonSerializer.Serialize(ordered, new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    /// <summary>The merges.txt text: a <c>#version</c> header, then one "left right" line per merge.</summary>
    public string MergesText() =>
        "#version: 0.2\n" + string.Concat(Merges.Select(m => $"{m.Left} {m.Right}\n"));

    /// <summary>Writes vocab.json and merges.txt into <paramref name="directory"/> (created if missing).</summary>
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(false);
        File.WriteAllText(Path.Combine(directory, VocabFileName), VocabJson(), utf8);
        File.WriteAllText(Path.Combine(directory, MergesFileName), MergesText(), utf8);
    }
}
