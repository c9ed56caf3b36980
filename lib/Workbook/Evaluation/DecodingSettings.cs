using System.Globalization;

namespace Workbook.Evaluation;

/// <summary>The decoding options <c>translate</c> and <c>evaluate</c> share: --beam, --batch, --max-length and
/// --length-penalty (declared and read by <see cref="DecodingOptions"/>).</summary>
/// <param name="Beam">1 = greedy search, K &gt; 1 = beam search.</param>
/// <param name="Batch">sentences decoded together.</param>
/// <param name="MaxLength">most output tokens per sentence; 0 = the model's position limit.</param>
/// <param name="LengthPenalty">GNMT α of beam search.</param>
public sealed record DecodingSettings(int Beam, int Batch, int MaxLength, double LengthPenalty)
{
    /// <summary>The usage lines of these options (indented like the verbs' usage texts).</summary>
    public const string Usage = """
          --beam            1 = greedy search (default: the run's own, from decoding.json, else 5)
          --length-penalty  GNMT alpha of beam search, lp = ((5 + |Y|) / 6)^alpha (default: the run's own,
                            from decoding.json, else 0.6; 0 = none)
          --max-length      most output tokens per sentence (default: the model's position limit)
          --batch           sentences decoded together (default 64)
        """;

    /// <summary>"beam 5, alpha 0.6" or "greedy".</summary>
    public string Describe() => Beam == 1 ? "greedy" : string.Create(CultureInfo.InvariantCulture, $"beam {Beam}, alpha {LengthPenalty}");
}
