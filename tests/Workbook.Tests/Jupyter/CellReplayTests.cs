using Workbook.Jupyter;
using Workbook.Kernel;

namespace Workbook.Tests.Jupyter;

/// <summary>After an interrupt the kernel's fresh child runs again the cells that had succeeded (<see cref="CellReplay"/>),
/// within its rules: outputs not shown again, stopped by the first failure, not at all over the time budget. Driven
/// here on <see cref="ChildSession"/> itself, the kernel's execution state; the protocol side (the note on iopub,
/// the value back) is kernel_client.py's "replay" scenario.</summary>
[Collection(JupyterCollection.Name)]
public sealed class CellReplayTests
{
    private sealed class Cells(ChildSession session)
    {
        public List<string> Notes { get; } = [];
        public List<string> Texts { get; } = [];

        public async Task<CellResult> Run(string code)
        {
            Texts.Clear();
            return await session.RunAsync(code, Notes.Add, o => Texts.Add(o.Output.ToJsonString()));
        }

        /// <summary>An endless cell, interrupted after a second.</summary>
        public async Task Interrupt()
        {
            var endless = Run("while (true) { }");
            await Task.Delay(TimeSpan.FromSeconds(1));
            session.Interrupt();
            Assert.NotEqual(CellStatus.Ok, (await endless).Status);
        }
    }

    [Fact]
    public async Task AnInterruptedSessionGetsItsVariablesBackWithoutTheirOutputs()
    {
        await using var session = new ChildSession(TestFiles.TempDir("replay"));
        var cells = new Cells(session);
        Assert.Equal(CellStatus.Ok, (await cells.Run("var kept = 41;")).Status);
        Assert.Equal(CellStatus.Ok, (await cells.Run("Console.WriteLine(\"printed once\"); kept++;")).Status);
        Assert.Equal(CellStatus.Failed, (await cells.Run("throw new Exception(\"not replayed\");")).Status);
        await cells.Interrupt();
        var after = await cells.Run("kept * 2");
        Assert.Equal(CellStatus.Ok, after.Status);
        Assert.Contains(cells.Texts, t => t.Contains("84"));
        Assert.DoesNotContain(cells.Texts, t => t.Contains("printed once") || t.Contains("not replayed"));
        var note = Assert.Single(cells.Notes);
        Assert.StartsWith("The previous cell was interrupted: its process was stopped and a fresh one started. The 2 earlier cells that had run without error ran again (", note);
        Assert.Contains("so their variables and #r are back", note);
    }

    [Fact]
    public async Task AReplayStopsAtTheFirstCellThatFailsAgainAndSaysWhich()
    {
        var file = Path.Combine(TestFiles.TempDir("replay"), "data.txt");
        File.WriteAllText(file, "7");
        await using var session = new ChildSession(Path.GetDirectoryName(file)!);
        var cells = new Cells(session);
        foreach (var code in new[] { "var first = 1;", $"var read = int.Parse(System.IO.File.ReadAllText(@\"{file}\"));", "var third = 3;" })
        {
            var ran = await cells.Run(code);
            Assert.True(ran.Status == CellStatus.Ok, ran.Error);
        }
        File.Delete(file);
        await cells.Interrupt();
        Assert.Equal(CellStatus.Ok, (await cells.Run("first")).Status);
        var note = Assert.Single(cells.Notes);
        Assert.True(note.Contains("The 3 earlier cells that had run without error ran again to restore their variables, but number 2 of them failed this time ("), note);
        Assert.Contains("Could not find file", note);
        Assert.Contains("the variables of the 1 before it are back, the rest are gone; run them again.", note);
        Assert.Equal(CellStatus.Failed, (await cells.Run("third")).Status);   // after the failed one: not restored
    }

    [Fact]
    public async Task CellsThatTookLongerThanTheBudgetAreNotRunAgain()
    {
        await using var session = new ChildSession(TestFiles.TempDir("replay"), replayBudget: TimeSpan.FromSeconds(1));
        var cells = new Cells(session);
        Assert.Equal(CellStatus.Ok, (await cells.Run("System.Threading.Thread.Sleep(1500); var slow = 1;")).Status);
        await cells.Interrupt();
        var after = await cells.Run("slow");
        Assert.Equal(CellStatus.Failed, after.Status);
        Assert.Contains("slow", after.Error);
        var note = Assert.Single(cells.Notes);
        Assert.Matches(@"The earlier cell that had run without error took \d s, over the 1 s the kernel runs again by itself: their variables and #r are gone; run them again\.", note);
    }
}
