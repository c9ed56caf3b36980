namespace Workbook.Kernel;

/// <summary>How a cell ended.</summary>
public enum CellStatus
{
    Ok,
    /// <summary>Compile error, runtime exception or unsupported directive.</summary>
    Failed,
    /// <summary>Ran longer than the per-cell timeout; the kernel process was killed.</summary>
    TimedOut,
    /// <summary>The kernel process died (stack overflow, native crash, Environment.Exit).</summary>
    Crashed,
}
