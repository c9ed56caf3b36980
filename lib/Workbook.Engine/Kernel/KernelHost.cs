using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Workbook.Html;

namespace Workbook.Kernel;

/// <summary>The child side of the runner: reads requests from stdin, runs cells in one <see cref="ScriptSession"/>,
/// and writes outputs as protocol lines on the real stdout (see <see cref="KernelProtocol"/>). Console.Out/Error
/// are replaced by <see cref="CaptureWriter"/>s, stdin is hidden from cells.</summary>
public sealed class KernelHost
{
    private readonly TextWriter protocol;
    private readonly object protocolGate = new();
    private readonly CaptureWriter stdout;
    private readonly CaptureWriter stderr;
    private ScriptSession? session;
    private CellPreprocessor? preprocessor;

    private KernelHost(TextWriter protocol)
    {
        this.protocol = protocol;
        stdout = new CaptureWriter("stdout", EmitStream);
        stderr = new CaptureWriter("stderr", EmitStream);
    }

    /// <summary>Runs the request loop until stdin closes. Returns the process exit code.</summary>
    public static async Task<int> RunAsync()
    {
        var protocol = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        var host = new KernelHost(protocol);
        ParentWatch.Start();
        // Between cells the loop below reads stdin; during a cell only ReadLine does, so the two never overlap.
        Console.SetIn(TextReader.Synchronized(new InputReader(ask =>
        {
            host.FlushConsole();   // the prompt the cell printed shows before the question
            host.Send(ask);
            var answer = input.ReadLine();
            return answer is null ? null : JsonNode.Parse(answer) as JsonObject;
        })));
        Console.SetOut(host.stdout);
        Console.SetError(host.stderr);
        KernelContext.Attach(host.EmitOutput, host.FlushConsole);
        while (await input.ReadLineAsync() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var request = JsonNode.Parse(line)!.AsObject();
            switch (request["op"]?.GetValue<string>())
            {
                case "init":
                    await host.InitAsync(request["dir"]!.GetValue<string>());
                    break;
                case "run":
                    await host.RunCellAsync(request["code"]!.GetValue<string>(), request["kernel"]?.GetValue<string>() ?? "csharp");
                    break;
                case "complete":
                    host.Complete(request["code"]!.GetValue<string>(), request["pos"]!.GetValue<int>());
                    break;
                case "inspect":
                    host.Inspect(request["code"]!.GetValue<string>(), request["pos"]!.GetValue<int>());
                    break;
                case "exit":
                    return 0;
            }
        }
        return 0;
    }

    private async Task InitAsync(string directory)
    {
        Directory.SetCurrentDirectory(directory);
        OutputFormatter.Initialize();
        var hostAssemblies = ScriptSession.HostAssemblyPaths();
        var names = new HashSet<string>(hostAssemblies.Select(Path.GetFileName).OfType<string>(), StringComparer.OrdinalIgnoreCase);
        preprocessor = new CellPreprocessor(CarriedPackages.ForHost(), names);
        session = new ScriptSession(directory);
        // As the kernel's UseKernelHelpers(): display(...) and HTML(...) in scope for every cell.
        var setup = await session.RunAsync("using static Workbook.Kernel.KernelHelpers;");
        Send(new JsonObject { ["ev"] = KernelProtocol.Ready, ["error"] = setup.Error });
    }

    private async Task RunCellAsync(string code, string kernel)
    {
        string? failure = null;
        var clock = Stopwatch.StartNew();
        try
        {
            var cell = preprocessor!.Prepare(code, kernel);
            foreach (var note in cell.Notes ?? []) EmitStream("stderr", note);
            if (cell.Packages.Count > 0) EmitOutput(KernelProtocol.DisplayData(InstalledPackages(cell.Packages)), null, false);
            foreach (var segment in cell.Segments)
            {
                if (segment.Kernel == "markdown")
                {
                    KernelContext.Publish(new PreformattedValue(Markdown.ToHtml(segment.Text), "text/html"), []);
                    continue;
                }
                var outcome = await session!.RunAsync(segment.Text);
                FlushConsole();
                if (outcome.Error is not null) { failure = outcome.Error; break; }
                if (outcome.HasValue && outcome.Value is not DisplayedValue) EmitResult(outcome.Value);
            }
            if (failure is null && cell.Time)
                KernelContext.Publish($"Wall time: {clock.Elapsed.TotalMilliseconds}ms", []);
        }
        catch (CellDirectiveException e) { failure = e.Message; }
        catch (Exception e) { failure = e.ToString(); }
        FlushConsole();
        if (failure is not null) EmitOutput(KernelProtocol.Error(failure), null, false);
        Send(new JsonObject { ["ev"] = KernelProtocol.Done, ["error"] = failure });
    }

    /// <summary>Completion matches; directive lines are blanked (same length) because they are not C#.</summary>
    private void Complete(string code, int position)
    {
        var cleaned = BlankDirectives(code);
        var matches = new JsonArray();
        int start = position;
        try { foreach (var m in Completions.For(session!.Next(cleaned), cleaned, position, out start)) matches.Add(m); }
        catch (Exception) { matches.Clear(); start = position; }   // no completions beats a broken kernel
        Send(new JsonObject { ["ev"] = KernelProtocol.Completions, ["matches"] = matches, ["start"] = start, ["end"] = position });
    }

    private void Inspect(string code, int position)
    {
        var cleaned = BlankDirectives(code);
        string? text;
        try { text = Inspection.For(session!.Next(cleaned), cleaned, position); }
        catch (Exception) { text = null; }
        Send(new JsonObject { ["ev"] = KernelProtocol.Inspection, ["text"] = text });
    }

    private static string BlankDirectives(string code) => string.Join('\n', code.Split('\n')
        .Select(l => l.TrimStart().StartsWith('#') && !l.TrimStart().StartsWith("#load", StringComparison.Ordinal) ? new string(' ', l.Length) : l));

    private static JsonObject InstalledPackages(IEnumerable<PackageReference> packages)
    {
        var items = string.Concat(packages.Select(p => $"<li><span>{p.Name}, {p.Version}</span></li>"));
        var html = $"<div><div></div><div></div><div><strong>Installed Packages</strong><ul>{items}</ul></div></div>";
        return new JsonObject { ["text/html"] = Notebooks.NotebookJson.ToLines(html) };
    }

    /// <summary>The cell's value: a display that observers may show as Jupyter's execute_result.</summary>
    private void EmitResult(object? value)
    {
        FlushConsole();
        var output = KernelProtocol.DisplayData(OutputFormatter.Format(value, []));
        Send(new JsonObject { ["ev"] = KernelProtocol.Output, ["output"] = output, ["display_id"] = Guid.NewGuid().ToString("N"), ["result"] = true });
    }

    private void FlushConsole()
    {
        stdout.Flush();
        stderr.Flush();
    }

    private void EmitStream(string name, string text) => EmitOutput(KernelProtocol.Stream(name, text), null, false);

    private void EmitOutput(JsonObject output, string? displayId, bool update) =>
        Send(new JsonObject
        {
            ["ev"] = update ? KernelProtocol.Update : KernelProtocol.Output,
            ["output"] = output,
            ["display_id"] = displayId,
        });

    private void Send(JsonObject message)
    {
        var line = KernelProtocol.Prefix + message.ToJsonString();
        lock (protocolGate) protocol.WriteLine(line);
    }
}
