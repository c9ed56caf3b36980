using Workbook.Notebooks;

namespace Workbook.Grading;

/// <summary>An exercise source notebook (solutions and hidden tests in), checked for what release and grade rely on:
/// every code cell has a unique <c>grade_id</c>, graded cells have points, the marker regions are balanced.</summary>
public sealed class SourceNotebook
{
    private SourceNotebook(string path, Notebook notebook)
    {
        Path = path;
        Notebook = notebook;
    }

    public string Path { get; }

    public Notebook Notebook { get; }

    /// <summary>The folder the notebook's relative <c>#r</c> lines are resolved from: grading runs there.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;

    /// <summary>The file name without extension, e.g. "05-self-attention".</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The graded cells in order: their grade_id and points.</summary>
    public IReadOnlyList<(string Id, double Points)> Exercises =>
        Notebook.Cells.Where(c => Nbgrader.Role(c) == CellRole.Graded).Select(c => (Nbgrader.GradeId(c)!, Nbgrader.Points(c))).ToList();

    public double MaxPoints => Exercises.Sum(e => e.Points);

    /// <summary>The cell with <paramref name="gradeId"/>, or null.</summary>
    public NotebookCell? Cell(string gradeId) => Notebook.Cells.FirstOrDefault(c => Nbgrader.GradeId(c) == gradeId);

    public static SourceNotebook Load(string path)
    {
        if (!File.Exists(path)) throw new GradingException($"{path}: source notebook not found.");
        Notebook notebook;
        try { notebook = Notebook.Load(path); }
        catch (NotebookFormatException e) { throw new GradingException($"{e.Message.TrimEnd('.')} (source notebook).", e); }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            var where = $"{path}: cell {i + 1}";
            var id = Nbgrader.GradeId(cell);
            if (id is null)
            {
                if (cell.IsCode) throw new GradingException($"{where}: a code cell without nbgrader metadata (metadata.nbgrader.grade_id); every code cell of a source needs one.");
                continue;
            }
            if (!ids.Add(id)) throw new GradingException($"{where}: grade_id '{id}' is used twice.");
            var role = Nbgrader.Role(cell);
            if (role == CellRole.Graded && !(Nbgrader.Points(cell) > 0)) throw new GradingException($"{where}: graded cell '{id}' has no points > 0.");
            try
            {
                if (role == CellRole.Solution) Regions.StubSolutions(cell.Source);
                if (role == CellRole.Graded) Regions.WithoutHiddenTests(cell.Source);
            }
            catch (FormatException e) { throw new GradingException($"{where} ('{id}'): {e.Message}.", e); }
        }
        if (!notebook.Cells.Any(c => Nbgrader.Role(c) == CellRole.Graded))
            throw new GradingException($"{path}: no graded cell (nbgrader grade: true); nothing to grade.");
        return new SourceNotebook(path, notebook);
    }

    /// <summary>Every source notebook in <paramref name="directory"/>.</summary>
    public static IReadOnlyList<SourceNotebook> LoadFolder(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) throw new GradingException($"{directory}: source folder not found.");
        var paths = System.IO.Directory.GetFiles(directory, "*.ipynb").OrderBy(p => p, StringComparer.Ordinal).ToList();
        if (paths.Count == 0) throw new GradingException($"{directory}: the source folder holds no .ipynb notebook.");
        return paths.Select(Load).ToList();
    }

    /// <summary>The source a submission answers: the one with the same file name, else the one sharing the most grade_ids.</summary>
    public static SourceNotebook For(Notebook submission, string path, IReadOnlyList<SourceNotebook> sources)
    {
        var name = System.IO.Path.GetFileName(path);
        var same = sources.FirstOrDefault(s => System.IO.Path.GetFileName(s.Path) == name);
        if (same is not null) return same;
        var ids = submission.Cells.Select(Nbgrader.GradeId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var best = sources.Select(s => (Source: s, Shared: s.Notebook.Cells.Count(c => Nbgrader.GradeId(c) is { } id && ids.Contains(id))))
            .OrderByDescending(x => x.Shared).First();
        if (best.Shared == 0)
            throw new GradingException($"{path}: no source notebook has this file name or any of its grade_ids; cannot tell which exercise it answers.");
        return best.Source;
    }
}
