using System.Text.Json.Nodes;

namespace Workbook.Kernel;

/// <summary>Console.In of the kernel child: <c>Console.ReadLine()</c> asks the parent for a line (an "input" event,
/// answered by an "input" request on the child's stdin). The parent answers null when nobody can type — headless
/// runs, or a Jupyter client that does not allow stdin — and ReadLine returns null at once instead of hanging.</summary>
public sealed class InputReader(Func<JsonObject, JsonObject?> ask) : TextReader
{
    private string pending = "";   // the rest of a line already read by Read()

    public override string? ReadLine()
    {
        if (pending.Length > 0) { var rest = pending; pending = ""; return rest; }
        var reply = ask(new JsonObject { ["ev"] = KernelProtocol.Input, ["prompt"] = "", ["password"] = false });
        return (reply?["value"] as JsonValue)?.TryGetValue<string>(out var line) == true ? line : null;
    }

    public override int Read()
    {
        if (pending.Length == 0)
        {
            var line = ReadLine();
            if (line is null) return -1;
            pending = line + "\n";
        }
        var c = pending[0];
        pending = pending[1..];
        return c;
    }

    public override int Peek() => pending.Length > 0 ? pending[0] : -1;
}
