namespace TrdpSim.Telemetry;

/// <summary>What reports show of an injected fault: its name, kind, target and strikes.</summary>
/// <remarks>The fault library's live faults derive from this, so reports read them without knowing the
/// fault library. <see cref="Strikes"/> is written on the wheel thread and read by any thread.</remarks>
public abstract class FaultTelemetry
{
    /// <summary>The fault's name (unique among the active faults of a run).</summary>
    public abstract string Name { get; }

    /// <summary>The fault kind as written in plans (<c>loss</c>, <c>delay</c> …).</summary>
    public abstract string KindName { get; }

    /// <summary>The target selector as written in the plan.</summary>
    public abstract string TargetText { get; }

    /// <summary>Number of telegrams, callers or repliers the fault is attached to.</summary>
    public abstract int TargetCount { get; }

    /// <summary>Whether the fault is still attached (false once repaired).</summary>
    public bool Attached { get; protected set; } = true;

    /// <summary>Frames (or sessions, or cycles) the fault has changed so far.</summary>
    public long Strikes;
}
