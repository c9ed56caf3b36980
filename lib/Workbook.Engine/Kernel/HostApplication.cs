namespace Workbook.Kernel;

/// <summary>The application that carries the engine (<c>workbook.dll</c>, next to Workbook.Engine.dll in every
/// output folder): it is what the kernel child runs (<c>workbook kernel</c>), and its deps file lists the packages
/// a notebook may <c>#r</c>. The engine assembly itself carries neither role, so it names the host explicitly.</summary>
public static class HostApplication
{
    public const string AssemblyName = "workbook";

    public static string Folder => Path.GetDirectoryName(typeof(HostApplication).Assembly.Location)!;

    /// <summary>The managed entry assembly to start with the dotnet host.</summary>
    public static string AssemblyPath => Path.Combine(Folder, AssemblyName + ".dll");

    /// <summary>The host's deps.json (the packages it carries).</summary>
    public static string DepsFile => Path.Combine(Folder, AssemblyName + ".deps.json");
}
