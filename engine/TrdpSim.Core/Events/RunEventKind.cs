namespace TrdpSim.Events;

/// <summary>What happened in a run, as the event stream, the run store and the web console see it.</summary>
/// <remarks>Each kind has one topic (<see cref="EventTopics.Of"/>) and one wire name (<see cref="RunEventKinds.Name"/>);
/// keep the three in step when adding a kind.</remarks>
public enum RunEventKind
{
    /// <summary>The run's first tick (<c>run.state</c>).</summary>
    RunStarted,

    /// <summary>The run stopped (<c>run.state</c>); <see cref="RunEvent.Text"/> says why.</summary>
    RunStopped,

    /// <summary>A fault was attached (<c>faults</c>): subject = its name, detail = its kind, source = who.</summary>
    FaultInjected,

    /// <summary>A fault was taken off (<c>faults</c>): subject = its name, count = its strikes.</summary>
    FaultRepaired,

    /// <summary>A fault struck since the last report (<c>faults</c>, at most once a second per fault):
    /// count = strikes in the interval, value = strikes in total.</summary>
    StrikeBurst,

    /// <summary>A control change was applied (<c>run.control</c>): the audit event of <c>RunControl</c>.</summary>
    ControlAction,

    /// <summary>A subscription timed out (<c>anomalies</c>, once per silence); detail =
    /// <see cref="RunEventKinds.SelfInflicted"/> when trdpsim's own stall caused it.</summary>
    Timeout,

    /// <summary>A subscription saw a sequence gap (<c>anomalies</c>, rate-limited per subscription).</summary>
    SequenceGap,

    /// <summary>Received frames were rejected since the last report (<c>anomalies</c>, at most once per
    /// sampling interval and reason): subject = the reason, count = frames.</summary>
    RejectBurst,

    /// <summary>A threshold began to fail (<c>anomalies</c>).</summary>
    ThresholdBreach,

    /// <summary>A failing threshold holds again (<c>anomalies</c>).</summary>
    ThresholdRecovery,

    /// <summary>trdpsim itself is the bottleneck (<c>anomalies</c>): send lateness, CPU, receive-buffer drops or
    /// dropped cycles; subject = the condition.</summary>
    Overload,

    /// <summary>A scenario entered a load phase (<c>run.phase</c>).</summary>
    PhaseChange,

    /// <summary>An external tool posted an event or a value (<c>run.ingest</c>).</summary>
    Ingested,

    /// <summary>A redundancy group's new leader sent its first frame (<c>redundancy</c>): subject = the group
    /// ("redundancy group n"), device = the new leader, text = the old one, detail = the cause (<c>command</c>,
    /// <c>leader-silence</c>), count = the group's switchovers so far, value = the gap on the wire in ns (NaN when
    /// the new leader was replaced before it sent).</summary>
    Switchover,

    /// <summary>One path of a multi-homed source fell silent for the subscription's timeout (<c>anomalies</c>):
    /// subject = the source's interface, count = how often this path fell silent.</summary>
    PathDown,

    /// <summary>A path that was down delivers again (<c>anomalies</c>): subject = the source's interface.</summary>
    PathUp,
}

/// <summary>Wire names of <see cref="RunEventKind"/> (the <c>type</c> field of a stream message).</summary>
internal static class RunEventKinds
{
    private static readonly string[] Names =
    [
        "run.started", "run.stopped", "fault.injected", "fault.repaired", "fault.strikes", "control", "timeout", "gap",
        "rejects", "threshold.breach", "threshold.recovery", "overload", "phase", "ingest",
        "switchover", "path.down", "path.up",
    ];

    /// <summary>The detail of a timeout that trdpsim caused itself (its own thread was stalled at the deadline).</summary>
    public const string SelfInflicted = "self_inflicted";

    /// <summary>How many kinds there are.</summary>
    public static int Count => Names.Length;

    public static string Name(RunEventKind kind) => Names[(int)kind];
}
