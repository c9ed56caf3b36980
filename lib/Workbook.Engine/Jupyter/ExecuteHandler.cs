using System.Text.Json.Nodes;
using Workbook.Kernel;

namespace Workbook.Jupyter;

/// <summary>execute_request, in ipykernel's order (the caller publishes busy before and idle after): execute_input,
/// the outputs as the child produces them, then execute_reply with the error's ename/evalue/traceback on failure
/// (nbclient builds its exception from the reply, not from the iopub error).</summary>
internal sealed class ExecuteHandler(ChildSession child, JupyterKernel kernel)
{
    private int executionCount;

    /// <summary>Runs the request; true when the cell failed.</summary>
    public async Task<bool> HandleAsync(JupyterMessage request)
    {
        var code = JupyterKernel.Text(request.Content, "code");
        var silent = request.Content["silent"] is JsonValue v && v.TryGetValue<bool>(out var s) && s;
        if (!silent)
        {
            executionCount++;
            kernel.Publish(request, "execute_input", new JsonObject { ["code"] = code, ["execution_count"] = executionCount });
        }
        var count = executionCount;
        // Console.ReadLine asks the client when it allows stdin (VS Code, JupyterLab); nbclient does not: null at once.
        var allowStdin = request.Content["allow_stdin"] is JsonValue a && a.TryGetValue<bool>(out var allowed) && allowed;
        Func<string, bool, CancellationToken, Task<string?>>? input = allowStdin ? (prompt, password, cancel) => kernel.AskAsync(request, prompt, password, cancel) : null;
        var result = await child.RunAsync(code,
            note => Publish(request, silent, "stream", new JsonObject { ["name"] = "stderr", ["text"] = note }),
            output =>
            {
                var (type, content) = OutputMessages.From(output, count);
                Publish(request, silent, type, content);
            }, input);
        var reply = new JsonObject { ["status"] = "ok", ["execution_count"] = count };
        if (result.Status != CellStatus.Ok)
        {
            var error = result.Outputs.LastOrDefault(o => o["output_type"]?.GetValue<string>() == "error") ?? KernelProtocol.Error(result.Error ?? "failed");
            reply = OutputMessages.ErrorContent(error);
            reply["status"] = "error";
            reply["execution_count"] = count;
        }
        else
        {
            reply["user_expressions"] = new JsonObject();
            reply["payload"] = new JsonArray();
        }
        kernel.Reply(KernelChannel.Shell, request, "execute_reply", reply);
        return result.Status != CellStatus.Ok;
    }

    private void Publish(JupyterMessage request, bool silent, string type, JsonObject content)
    {
        if (!silent) kernel.Publish(request, type, content);
    }
}
