using System.Text;

namespace Workbook.Kernel;

/// <summary>Replaces Console.Out/Console.Error in the kernel child: text is sent to the parent as stream outputs,
/// one event per completed line batch, so a cell that is killed by a timeout still shows what it printed.</summary>
public sealed class CaptureWriter(string streamName, Action<string, string> emit) : TextWriter
{
    private readonly StringBuilder buffer = new();
    private readonly object gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (gate)
        {
            buffer.Append(value);
            if (value == '\n') EmitCompleteLines();
        }
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        lock (gate)
        {
            buffer.Append(value);
            if (value.Contains('\n')) EmitCompleteLines();
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <summary>Sends everything buffered, including a trailing partial line.</summary>
    public override void Flush()
    {
        lock (gate)
        {
            if (buffer.Length == 0) return;
            var text = buffer.ToString();
            buffer.Clear();
            emit(streamName, text);
        }
    }

    private void EmitCompleteLines()
    {
        var text = buffer.ToString();
        var end = text.LastIndexOf('\n') + 1;
        buffer.Remove(0, end);
        emit(streamName, text[..end]);
    }
}
