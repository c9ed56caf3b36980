namespace Workbook.Tests.Jupyter;

/// <summary>jupyter_client (the library under nbclient, nbconvert, papermill and JupyterLab's server) drives the kernel:
/// replies and iopub messages carry the request as parent, busy comes first and idle last, signatures are checked.</summary>
[Collection(JupyterCollection.Name)]
public sealed class KernelClientTests(KernelClientRun run) : IClassFixture<KernelClientRun>
{
    [Fact] public void KernelInfoIsAnsweredOnShellAndControlRepeatedlyWithBusyAndIdle() => run.AssertPassed("kernel_info");

    [Fact] public void ExecutionCountGrowsByOnePerCell() => run.AssertPassed("execution_count");

    [Fact] public void StreamDisplayUpdateAndResultArriveWithTheirParentBetweenBusyAndIdle() => run.AssertPassed("outputs");

    [Fact] public void ErrorsComeWithTracebackInTheOutputAndTheReply() => run.AssertPassed("errors");

    [Fact] public void AfterAFailedCellTheQueuedCellsAreAbortedUnlessStopOnErrorIsFalse() => run.AssertPassed("stop_on_error");

    [Fact] public void IsCompleteUsesRoslyn() => run.AssertPassed("is_complete");

    [Fact] public void CompletionsKnowEarlierCellsAndMembers() => run.AssertPassed("complete");

    [Fact] public void ReadLineAsksTheClientWhenItAllowsStdinAndEndsAtOnceOtherwise() => run.AssertPassed("stdin");

    [Fact] public void AKilledKernelTakesItsRunningCellProcessWithIt() => run.AssertPassed("orphan");

    [Fact] public void AWronglySignedMessageIsRefused()
    {
        run.AssertPassed("bad_signature");
        Assert.Contains("refused a message on Shell: invalid signature", run.Err);
    }

    [Fact] public void AnEndlessCellIsInterruptedWithinFiveSecondsAndTheNextCellRuns() => run.AssertPassed("interrupt");

    [Fact] public void AfterAnInterruptTheEarlierCellsRunAgainAndTheirVariablesAreBack() => run.AssertPassed("replay");

    [Fact] public void AThousandQuickCellsLoseNoOutput() => run.AssertPassed("many_cells");

    [Fact] public void ShutdownExitsBeforeTheClientResortsToSignals() => run.AssertPassed("shutdown");
}
