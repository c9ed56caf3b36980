namespace Workbook.Jupyter;

/// <summary>Jupyter's data folders as jupyter_core computes them: the user's (JUPYTER_DATA_DIR, else the platform
/// default) and a prefix's (PREFIX/share/jupyter). Kernelspecs live in their <c>kernels/</c> subfolder.</summary>
public static class JupyterPaths
{
    public static string UserDataDir()
    {
        var explicitDir = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
        if (!string.IsNullOrEmpty(explicitDir)) return explicitDir;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows()) return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        if (OperatingSystem.IsMacOS()) return Path.Combine(home, "Library", "Jupyter");
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        return Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "share") : xdg, "jupyter");
    }

    public static string PrefixDataDir(string prefix) => Path.Combine(Path.GetFullPath(prefix), "share", "jupyter");
}
