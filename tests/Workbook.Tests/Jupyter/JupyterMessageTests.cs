using System.Text;
using System.Text.Json.Nodes;
using Workbook.Jupyter;
using Workbook.Kernel;

namespace Workbook.Tests.Jupyter;

/// <summary>The wire format, signatures, headers and output mapping, without sockets.</summary>
public sealed class JupyterMessageTests
{
    private static readonly MessageSigner Signer = new("secret");

    private static JupyterMessage Request() => JupyterMessage.Create("client", "execute_request", new JsonObject { ["code"] = "1" }, null, [Encoding.ASCII.GetBytes("id-1")]);

    [Fact]
    public void AMessageRoundTripsAndItsReplyCarriesItsHeaderAndIdentities()
    {
        var request = JupyterMessage.Parse(Request().ToFrames(Signer), Signer, out var problem)!;
        Assert.Null(problem);
        var reply = JupyterMessage.Create("kernel", "execute_reply", new JsonObject(), request);
        Assert.Equal(request.Header.ToJsonString(), reply.ParentHeader.ToJsonString());
        Assert.Equal("id-1", Encoding.ASCII.GetString(reply.Identities.Single()));
        Assert.Equal("5.3", reply.Header["version"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", reply.Header["date"]!.GetValue<string>());
        Assert.NotEqual(request.Header["msg_id"]!.GetValue<string>(), reply.Header["msg_id"]!.GetValue<string>());
    }

    [Fact]
    public void ATamperedOrWronglySignedMessageIsRefused()
    {
        var frames = Request().ToFrames(Signer);
        frames[^1] = Encoding.UTF8.GetBytes("""{"code":"Environment.Exit(1)"}""");
        Assert.Null(JupyterMessage.Parse(frames, Signer, out var problem));
        Assert.Equal("invalid signature", problem);
        Assert.Null(JupyterMessage.Parse(Request().ToFrames(new MessageSigner("other")), Signer, out _));
        Assert.Null(JupyterMessage.Parse([Encoding.ASCII.GetBytes("garbage")], Signer, out problem));
        Assert.Contains("delimiter", problem);
    }

    [Fact]
    public void SignaturesAreLowerCaseHexAndAnEmptyKeyTurnsSigningOff()
    {
        var signature = Encoding.ASCII.GetString(Request().ToFrames(Signer)[2]);
        Assert.Matches("^[0-9a-f]{64}$", signature);
        var unsigned = Request().ToFrames(new MessageSigner(""));
        Assert.Empty(unsigned[2]);
        Assert.NotNull(JupyterMessage.Parse(unsigned, new MessageSigner(""), out _));
    }

    [Theory]
    [InlineData("var x = 1;", "complete")]
    [InlineData("x + 1", "complete")]
    [InlineData("", "complete")]
    [InlineData("for (int i = 0; i < 3; i++) {", "incomplete")]
    [InlineData("var s = \"open", "incomplete")]
    [InlineData("#!time\nConsole.WriteLine(1);", "complete")]
    public void IsCompleteFollowsRoslyn(string code, string expected) => Assert.Equal(expected, SubmissionCompleteness.Check(code, out _));

    [Fact]
    public void OutputsBecomeProtocolMessagesWithJoinedTextAndJsonKept()
    {
        var display = KernelProtocol.DisplayData(new JsonObject
        {
            ["text/plain"] = new JsonArray("a\n", "b"),
            ["application/vnd.plotly.v1+json"] = new JsonObject { ["data"] = new JsonArray() },
        });
        var (type, content) = OutputMessages.From(new CellOutput(display, "d1", false, false), 3);
        Assert.Equal("display_data", type);
        Assert.Equal("a\nb", content["data"]!["text/plain"]!.GetValue<string>());
        Assert.IsType<JsonObject>(content["data"]!["application/vnd.plotly.v1+json"]);
        Assert.Equal("d1", content["transient"]!["display_id"]!.GetValue<string>());
        Assert.Equal("update_display_data", OutputMessages.From(new CellOutput(display, "d1", true, false), 3).Type);
        var (resultType, result) = OutputMessages.From(new CellOutput(display, "d2", false, true), 3);
        Assert.Equal("execute_result", resultType);
        Assert.Equal(3, result["execution_count"]!.GetValue<int>());
        var (streamType, stream) = OutputMessages.From(new CellOutput(KernelProtocol.Stream("stdout", "x\ny\n"), null, false, false), 3);
        Assert.Equal("stream", streamType);
        Assert.Equal("x\ny\n", stream["text"]!.GetValue<string>());
    }
}
