namespace TrdpSim.Hosting.Daemon;

/// <summary>Where a run of the daemon is in its life.</summary>
/// <remarks>created → running ⇄ paused → completed | stopped | failed | aborted. The last four are final; the
/// final state follows the rules of <c>trdpsim run</c>'s exit code (<see cref="RunStates.Final"/>).</remarks>
public enum RunState
{
    /// <summary>Composed (sockets open), not yet started.</summary>
    Created,

    /// <summary>Traffic is flowing.</summary>
    Running,

    /// <summary>Live, with its traffic paused.</summary>
    Paused,

    /// <summary>Reached its duration; no threshold failed and nothing broke (exit code 0 for <c>trdpsim run</c>).</summary>
    Completed,

    /// <summary>Stopped on request before its end (its figures are partial).</summary>
    Stopped,

    /// <summary>Ended with a failed threshold or a <c>run.fail()</c> verdict (exit 1), engine or script errors, or
    /// broke down (exit 3).</summary>
    Failed,

    /// <summary>Ended early by an abort-on-fail threshold (exit 1).</summary>
    Aborted,
}

/// <summary>The words of <see cref="RunState"/> (JSON, <c>ctl</c>) and the final-state rule.</summary>
public static class RunStates
{
    public static string Label(RunState state) => state switch
    {
        RunState.Created => "created",
        RunState.Running => "running",
        RunState.Paused => "paused",
        RunState.Completed => "completed",
        RunState.Stopped => "stopped",
        RunState.Failed => "failed",
        _ => "aborted",
    };

    /// <summary>Whether the run has ended.</summary>
    public static bool IsFinal(RunState state) => state >= RunState.Completed;

    /// <summary>The final state of a run from why it ended, as <c>trdpsim run</c> picks its exit code: an abort
    /// first, then a stop on request, then errors, then failed thresholds.</summary>
    public static RunState Final(Reporting.RunStopReason reason, bool errors, bool thresholdsPassed) => reason switch
    {
        Reporting.RunStopReason.ThresholdAbort => RunState.Aborted,
        Reporting.RunStopReason.Error => RunState.Failed,
        Reporting.RunStopReason.Stopped or Reporting.RunStopReason.InterruptedSigInt or Reporting.RunStopReason.InterruptedSigTerm => RunState.Stopped,
        _ when errors || !thresholdsPassed => RunState.Failed,
        _ => RunState.Completed,
    };
}
