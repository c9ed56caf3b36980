using Workbook.Cli;

namespace Workbook.Commands;

/// <summary>Expands command-line PATH arguments: a notebook file, or a folder's *.ipynb files in name order.</summary>
public static class NotebookPaths
{
    public static IReadOnlyList<string> Expand(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) throw new UsageException("give at least one notebook or folder.");
        var result = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path, "*.ipynb").OrderBy(Path.GetFileName, StringComparer.Ordinal).ToList();
                if (found.Count == 0) throw new UsageException($"folder '{path}' contains no .ipynb notebooks.");
                result.AddRange(found);
            }
            else if (File.Exists(path)) result.Add(path);
            else throw new UsageException($"'{path}' is neither a notebook nor a folder.");
        }
        return result;
    }
}
