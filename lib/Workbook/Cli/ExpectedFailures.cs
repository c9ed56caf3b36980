namespace Workbook.Cli;

/// <summary>Failures caused by the user's input or files (bad corpus line, missing or corrupt file, refused
/// download, invalid setting): reported as one clear line with exit code 1, never as an unhandled exception.
/// Their messages name the file (and line or cell) themselves. A new library exception for bad input goes here.</summary>
public static class ExpectedFailures
{
    public static bool Matches(Exception e) => e is IOException or UnauthorizedAccessException or FormatException
        or InvalidDataException or System.Text.Json.JsonException or ArgumentException or Seq2Seq.Data.CorpusFormatException
        or Seq2Seq.Data.ChecksumMismatchException or Seq2Seq.Data.DatasetUnavailableException or Notebooks.NotebookFormatException
        or Grading.GradingException;
}
