namespace Workbook.Jupyter;

/// <summary>The kernel's sockets that carry messages (the heartbeat only echoes).</summary>
public enum KernelChannel { Shell, Control, Stdin, Iopub }
