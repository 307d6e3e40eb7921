namespace TrdpSim.Telemetry;

/// <summary>Why a redundancy group changed its leader.</summary>
internal enum SwitchoverCause
{
    /// <summary>A control change (<c>RunControl.SwitchLeader</c>: HTTP, <c>trdpsim ctl</c>, a scenario's <c>run.switchover</c>).</summary>
    Command,

    /// <summary>The followers stopped hearing the leader for the group's takeover time (the leader fell silent: a
    /// silence or loss fault, the silence command, a stalled sender).</summary>
    LeaderSilence,
}

/// <summary>The figures of one redundancy group as its sender side sees them: who leads, how many switchovers
/// of each cause, and the gap on the wire from the old leader's last frame to the new leader's first.</summary>
/// <remarks>Written on the wheel thread (the group's switchovers and sends), read by reporting threads.</remarks>
internal sealed class RedundancyFigures
{
    private readonly long[] _switchovers = new long[2];
    private string _leader;

    internal RedundancyFigures(uint id, string leader, long takeoverAfterNanoseconds)
    {
        Id = id;
        Label = "redundancy group " + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _leader = leader;
        TakeoverAfterNanoseconds = takeoverAfterNanoseconds;
    }

    /// <summary>The group id (the plan's <c>redundancy-group</c>).</summary>
    public uint Id { get; }

    /// <summary>"redundancy group n": the subject of its events (made once, so posting allocates nothing).</summary>
    public string Label { get; }

    /// <summary>How long the followers wait without hearing the leader before one takes the lead; 0 = never
    /// (switchover on command only).</summary>
    public long TakeoverAfterNanoseconds { get; }

    /// <summary>The leading device now.</summary>
    public string Leader
    {
        get => Volatile.Read(ref _leader);
        internal set => Volatile.Write(ref _leader, value);
    }

    /// <summary>Old leader's last frame on the wire → new leader's first, per switchover whose new leader sent.</summary>
    public LatencyRecorder Gap { get; } = new();

    /// <summary>Switchovers of <paramref name="cause"/> so far.</summary>
    public long Switchovers(SwitchoverCause cause) => Volatile.Read(ref _switchovers[(int)cause]);

    /// <summary>Switchovers of every cause.</summary>
    public long TotalSwitchovers => Switchovers(SwitchoverCause.Command) + Switchovers(SwitchoverCause.LeaderSilence);

    internal void Count(SwitchoverCause cause) => Interlocked.Increment(ref _switchovers[(int)cause]);

    /// <summary>The cause's word in JSON, metrics and events (<c>command</c>, <c>leader-silence</c>).</summary>
    public static string Word(SwitchoverCause cause) => cause == SwitchoverCause.Command ? "command" : "leader-silence";
}
