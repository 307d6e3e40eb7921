namespace TrdpSim.Hosting.Daemon;

/// <summary>Where a run of the daemon is in its life.</summary>
/// <remarks>created → running ⇄ paused → completed | stopped | failed | aborted. The last four are final; the
/// final state follows the rules of <c>trdpsim run</c>'s exit code (<see cref="RunStates.Final"/>). Each state is the
/// run store's state of a run in the same place (<see cref="Records.RunState"/>; aborted is its abort by a threshold),
/// with the same number and label: the store only adds <c>crashed</c>, which a live run never is.</remarks>
public enum RunState
{
    /// <summary>Composed (sockets open), not yet started.</summary>
    Created = (int)Records.RunState.Created,

    /// <summary>Traffic is flowing.</summary>
    Running = (int)Records.RunState.Running,

    /// <summary>Live, with its traffic paused.</summary>
    Paused = (int)Records.RunState.Paused,

    /// <summary>Reached its duration; no threshold failed and nothing broke (exit code 0 for <c>trdpsim run</c>).</summary>
    Completed = (int)Records.RunState.Completed,

    /// <summary>Stopped on request before its end (its figures are partial).</summary>
    Stopped = (int)Records.RunState.Stopped,

    /// <summary>Ended with a failed threshold or a <c>run.fail()</c> verdict (exit 1), engine or script errors, or
    /// broke down (exit 3).</summary>
    Failed = (int)Records.RunState.Failed,

    /// <summary>Ended early by an abort-on-fail threshold (exit 1).</summary>
    Aborted = (int)Records.RunState.AbortedByThreshold,
}

/// <summary>The words of <see cref="RunState"/> (JSON, <c>ctl</c>) and the final-state rule.</summary>
public static class RunStates
{
    /// <summary>The state's word, the one the run store keeps for it.</summary>
    public static string Label(RunState state) => Records.RunStates.Label(Stored(state));

    /// <summary>The run store's state of a run in <paramref name="state"/>.</summary>
    internal static Records.RunState Stored(RunState state) => (Records.RunState)state;

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
