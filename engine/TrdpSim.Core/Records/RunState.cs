namespace TrdpSim.Records;

/// <summary>Where a stored run is in its life. Stored as its <see cref="RunStates.Label"/>.</summary>
internal enum RunState
{
    /// <summary>Recorded, not playing yet.</summary>
    Created,

    /// <summary>Playing; interval rows arrive.</summary>
    Running,

    /// <summary>Paused by a control action (traffic gate closed).</summary>
    Paused,

    /// <summary>Reached its duration (or its planned end) and its thresholds passed.</summary>
    Completed,

    /// <summary>Stopped early on request (SIGINT, SIGTERM, a daemon stop).</summary>
    Stopped,

    /// <summary>Ended with failed thresholds, a scenario's failure or an engine error.</summary>
    Failed,

    /// <summary>An abort-on-fail threshold ended it.</summary>
    AbortedByThreshold,

    /// <summary>Its process died without closing the record (SIGKILL, OOM, host loss): found so at a later start-up;
    /// its data ends at the last interval written.</summary>
    Crashed,
}

/// <summary>The stored text of each <see cref="RunState"/> (the store, <c>runs list</c>, JSON; documented in the README).</summary>
internal static class RunStates
{
    private static readonly string[] Labels = ["created", "running", "paused", "completed", "stopped", "failed", "aborted", "crashed"];

    public static string Label(RunState state) => Labels[(int)state];

    /// <summary>The state of a stored label; unknown text reads as <see cref="RunState.Crashed"/> (a newer writer's
    /// state is at least not a live one).</summary>
    public static RunState Parse(string label)
    {
        int index = Array.IndexOf(Labels, label);
        return index < 0 ? RunState.Crashed : (RunState)index;
    }

    /// <summary>Whether a run in this state may still be written by a live process.</summary>
    public static bool IsLive(RunState state) => state is RunState.Created or RunState.Running or RunState.Paused;
}
