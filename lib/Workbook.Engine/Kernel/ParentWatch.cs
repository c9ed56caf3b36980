using System.Globalization;
using System.Runtime.InteropServices;

namespace Workbook.Kernel;

/// <summary>Ends the kernel child when its parent dies. A parent that exits normally closes the child's stdin, but a
/// killed one (SIGKILL from a Jupyter client after its grace period) would leave a child that is running an endless
/// cell spinning forever: stdin is only read between cells. On Unix an orphan is re-parented, so a changed
/// getppid() means the parent is gone (Process.WaitForExit cannot wait for a process that is not our child).</summary>
public static partial class ParentWatch
{
    /// <summary>Environment variable carrying the parent's process id.</summary>
    public const string Variable = "WORKBOOK_KERNEL_PARENT";

    [DllImport("libc", EntryPoint = "getppid")]
    private static extern int GetParentId();

    public static void Start()
    {
        if (OperatingSystem.IsWindows()) return;
        if (!int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return;
        var thread = new Thread(() =>
        {
            while (GetParentId() == pid) Thread.Sleep(500);
            Environment.Exit(1);
        }) { IsBackground = true, Name = "parent-watch" };
        thread.Start();
    }
}
