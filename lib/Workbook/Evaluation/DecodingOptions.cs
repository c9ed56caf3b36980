using System.CommandLine;
using System.Globalization;
using Seq2Seq.Training;
using Workbook.Cli;
using Workbook.Training;

namespace Workbook.Evaluation;

/// <summary>The options of <see cref="DecodingSettings"/>, declared once for each verb that decodes (each verb owns
/// an instance) and read and checked in one place.</summary>
public sealed class DecodingOptions
{
    private readonly Option<int?> beam = Opt.Whole("--beam"), batch = Opt.Whole("--batch"), maxLength = Opt.Whole("--max-length");
    private readonly Option<double?> lengthPenalty = Opt.Number("--length-penalty");

    public IEnumerable<Symbol> Symbols => [beam, lengthPenalty, maxLength, batch];

    /// <summary>The settings given in <paramref name="args"/>; beam and length penalty default to what the run folder
    /// <paramref name="modelDirectory"/> recorded (<see cref="RunFolder.DecodingFile"/>), else 5 and 0.6.</summary>
    public DecodingSettings Read(ParseResult args, string? modelDirectory = null)
    {
        var recorded = modelDirectory is null ? null : new RunFolder(modelDirectory).ReadDecoding();
        var settings = new DecodingSettings(args.GetValue(beam) ?? recorded?.Beam ?? 5, args.GetValue(batch) ?? 64, args.GetValue(maxLength) ?? 0,
            args.GetValue(lengthPenalty) ?? recorded?.LengthPenalty ?? 0.6);
        if (settings.Beam < 1) throw new UsageException($"--beam must be ≥ 1, got {settings.Beam}.");
        if (settings.Batch < 1) throw new UsageException($"--batch must be ≥ 1, got {settings.Batch}.");
        if (settings.MaxLength < 0) throw new UsageException($"--max-length must be ≥ 1, got {settings.MaxLength}.");
        if (!(settings.LengthPenalty >= 0))
            throw new UsageException($"--length-penalty must be a number ≥ 0, got {settings.LengthPenalty.ToString(CultureInfo.InvariantCulture)}.");
        return settings;
    }
}
