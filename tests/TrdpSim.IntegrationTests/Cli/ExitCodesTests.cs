using TrdpSim.Cli;

namespace TrdpSim.IntegrationTests.Cli;

/// <summary>The exit code of a run that played: an interruption outranks everything (its figures are partial),
/// then errors, then failed thresholds.</summary>
public sealed class ExitCodesTests
{
    [Theory]
    [InlineData(RunStopReason.Completed, false, true, 0)]
    [InlineData(RunStopReason.Completed, false, false, 1)]
    [InlineData(RunStopReason.ThresholdAbort, false, false, 1)]
    [InlineData(RunStopReason.Completed, true, false, 3)]
    [InlineData(RunStopReason.Error, false, true, 3)]
    [InlineData(RunStopReason.InterruptedSigInt, true, false, 130)]
    [InlineData(RunStopReason.InterruptedSigTerm, false, true, 143)]
    public void ARunsExitCodeFollowsHowItStoppedAndWhatItFound(RunStopReason stop, bool errors, bool thresholdsPassed, int code) =>
        Assert.Equal(code, ExitCodes.ForRun(stop, errors, thresholdsPassed));
}
