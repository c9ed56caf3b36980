namespace Workbook.Jupyter;

/// <summary>Protocol 5.2+ counts cursor positions in Unicode code points; .NET strings index UTF-16 units.</summary>
public static class CodePoints
{
    public static int ToUtf16(string text, int codePoints)
    {
        int index = 0;
        for (int n = 0; n < codePoints && index < text.Length; n++) index += char.IsSurrogatePair(text, index) ? 2 : 1;
        return index;
    }

    public static int FromUtf16(string text, int index)
    {
        int count = 0;
        for (int i = 0; i < index && i < text.Length; i++) if (!char.IsLowSurrogate(text[i])) count++;
        return count;
    }
}
