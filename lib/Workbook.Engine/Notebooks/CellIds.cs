using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Workbook.Notebooks;

/// <summary>nbformat 4.5's cell ids: every cell has an <c>id</c> of 1–64 characters from [a-zA-Z0-9-_], unique in the
/// notebook (Jupyter's validator warns about a missing id today and will reject it later); before 4.5 the field
/// does not exist and the schema rejects it.</summary>
public static partial class CellIds
{
    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex Valid();

    /// <summary>nbformat_minor of the notebook (0 when missing).</summary>
    public static int Minor(Notebook notebook) => notebook.Root["nbformat_minor"] is JsonValue v && v.TryGetValue<int>(out var m) ? m : 0;

    /// <summary>Problems with the ids, as (1-based cell number, message).</summary>
    public static IEnumerable<(int Cell, string Message)> Problems(Notebook notebook)
    {
        var minor = Minor(notebook);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var id = notebook.Cells[i].Json["id"];
            if (minor < 5)
            {
                if (id is not null) yield return (i + 1, $"has an \"id\", which nbformat 4.{minor} does not allow (ids need nbformat_minor 5).");
                continue;
            }
            var text = id is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (text is null) yield return (i + 1, "has no \"id\"; nbformat 4.5 requires one per cell (8 hex characters, as VS Code writes them).");
            else if (!Valid().IsMatch(text)) yield return (i + 1, $"id '{text}' is not 1-64 characters of [a-zA-Z0-9-_].");
            else if (seen.TryGetValue(text, out var first)) yield return (i + 1, $"id '{text}' is already used by cell {first}.");
            else seen[text] = i + 1;
        }
    }

    /// <summary>Gives every cell without a valid, unique id a fresh one (nbformat 4.5+ only), as Jupyter's
    /// <c>normalize()</c> does, so the runner's executed notebooks always validate.</summary>
    public static void Ensure(Notebook notebook)
    {
        if (Minor(notebook) < 5) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in notebook.Cells)
        {
            var text = cell.Json["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (text is not null && Valid().IsMatch(text) && seen.Add(text)) continue;
            string fresh;
            do fresh = Guid.NewGuid().ToString("N")[..8]; while (!seen.Add(fresh));
            cell.Json["id"] = fresh;
        }
    }
}
