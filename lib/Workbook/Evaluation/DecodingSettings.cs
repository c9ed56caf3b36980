using System.Globalization;
using Seq2Seq.Training;
using Workbook.Cli;

namespace Workbook.Evaluation;

/// <summary>The decoding options <c>translate</c> and <c>evaluate</c> share: --beam, --batch, --max-length and
/// --length-penalty, read and checked once.</summary>
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

    /// <summary>The options of <paramref name="args"/>; beam and length penalty default to what the run folder
    /// <paramref name="modelDirectory"/> recorded (<see cref="RunFolder.DecodingFile"/>), else 5 and 0.6.</summary>
    public static DecodingSettings Read(Arguments args, string? modelDirectory = null)
    {
        var recorded = modelDirectory is null ? null : new RunFolder(modelDirectory).ReadDecoding();
        var settings = new DecodingSettings(args.Int("beam", recorded?.Beam ?? 5), args.Int("batch", 64), args.Int("max-length", 0),
            args.Double("length-penalty", recorded?.LengthPenalty ?? 0.6));
        if (settings.Beam < 1) throw new UsageException($"--beam must be ≥ 1, got {settings.Beam}.");
        if (settings.Batch < 1) throw new UsageException($"--batch must be ≥ 1, got {settings.Batch}.");
        if (settings.MaxLength < 0) throw new UsageException($"--max-length must be ≥ 1, got {settings.MaxLength}.");
        if (!(settings.LengthPenalty >= 0 && double.IsFinite(settings.LengthPenalty)))
            throw new UsageException($"--length-penalty must be a number ≥ 0, got {settings.LengthPenalty.ToString(CultureInfo.InvariantCulture)}.");
        return settings;
    }

    /// <summary>"beam 5, alpha 0.6" or "greedy".</summary>
    public string Describe() => Beam == 1 ? "greedy" : string.Create(CultureInfo.InvariantCulture, $"beam {Beam}, alpha {LengthPenalty}");
}
