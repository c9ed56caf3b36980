namespace Workbook.Kernel;

/// <summary>How a notebook run ended.</summary>
public enum NotebookRunStatus { Ok, Failed, TimedOut, Crashed, Invalid }
