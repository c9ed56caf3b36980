namespace Workbook.Grading;

/// <summary>Bad input to release, grade or validate: a missing source notebook, a submission that is not a notebook,
/// a source cell without a grade_id, unbalanced solution markers. The message names the file (and cell).</summary>
public sealed class GradingException(string message, Exception? inner = null) : Exception(message, inner);
