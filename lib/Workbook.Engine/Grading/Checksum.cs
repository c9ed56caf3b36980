using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Workbook.Notebooks;

namespace Workbook.Grading;

/// <summary>nbgrader's cell checksum (<c>nbgrader/utils.py compute_checksum</c>: source, cell type, the grade,
/// solution and locked flags, grade_id, and the points of a graded cell), hashed with SHA-256 instead of MD5.</summary>
public static class Checksum
{
    public static string Of(NotebookCell cell)
    {
        var g = Nbgrader.Of(cell);
        bool grade = g is not null && Nbgrader.Flag(g, "grade");
        var text = new StringBuilder()
            .Append(cell.Source).Append(cell.CellType)
            .Append(grade ? "True" : "False")
            .Append(g is not null && Nbgrader.Flag(g, "solution") ? "True" : "False")
            .Append(g is not null && Nbgrader.Flag(g, "locked") ? "True" : "False")
            .Append(Nbgrader.GradeId(cell));
        if (grade) text.Append(Nbgrader.Points(cell).ToString("0.0###", CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
