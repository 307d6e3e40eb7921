namespace TrdpSim.Reporting;

/// <summary>Why a run ended: the summary's stop line and the manifest's <c>stopReason</c>.</summary>
public enum RunStopReason
{
    /// <summary>The requested duration was reached.</summary>
    Completed,

    /// <summary>Ctrl-C (SIGINT) ended the run early.</summary>
    InterruptedSigInt,

    /// <summary>SIGTERM ended the run early (a service manager, <c>docker stop</c>, a CI time limit).</summary>
    InterruptedSigTerm,

    /// <summary>An abort-on-fail threshold failed and ended the run.</summary>
    ThresholdAbort,

    /// <summary>A scenario ended the run.</summary>
    /// <remarks>Reserved for the scenario runtime: no scenario call ends the whole run yet
    /// (<c>run.stop()</c> only ends its own scenario's active time).</remarks>
    ScenarioStop,

    /// <summary>The run broke down while it was playing.</summary>
    Error,

    /// <summary>Stopped on request before its end: over the daemon's control plane, or the daemon shutting down.</summary>
    Stopped,
}

/// <summary>The stable text of each <see cref="RunStopReason"/> (JSON and summary; documented in the README).</summary>
internal static class RunStopReasons
{
    public static string Label(RunStopReason reason) => reason switch
    {
        RunStopReason.Completed => "completed",
        RunStopReason.InterruptedSigInt => "interrupted (SIGINT)",
        RunStopReason.InterruptedSigTerm => "interrupted (SIGTERM)",
        RunStopReason.ThresholdAbort => "threshold abort",
        RunStopReason.ScenarioStop => "scenario stop",
        RunStopReason.Stopped => "stopped",
        _ => "error",
    };
}
