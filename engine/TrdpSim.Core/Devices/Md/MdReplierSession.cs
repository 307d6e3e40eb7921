using TrdpSim.Protocol;
using TrdpSim.Scheduling;
using TrdpSim.Distributions;
using TrdpSim.Transport;

namespace TrdpSim.Devices.Md;

/// <summary>One request a replier is working on: waiting out its shaped delay, then (for 'Mq') the confirmation.</summary>
/// <remarks>Pooled per station (at most <c>md-max-sessions</c>); wheel thread only.</remarks>
internal sealed class MdReplierSession : WheelTimer
{
    internal MdReplierSession(MdStation station) => Station = station;

    public MdStation Station { get; }

    public MdListener? Listener { get; internal set; }

    public SessionId SessionId { get; internal set; }

    public uint RequestSequence { get; internal set; }

    public uint RequestComId { get; internal set; }

    public TrdpUri CallerUri { get; internal set; }

    /// <summary>Where 'Mp'/'Mq' go: the request's source address and port.</summary>
    public Ip4Endpoint ReplyTo { get; internal set; }

    public long ReceivedNanoseconds { get; internal set; }

    /// <summary>The station's interface the request arrived on (0 = a): over UDP, its 'Mp'/'Mq' and 'Me' leave on it.</summary>
    public int Face { get; internal set; }

    /// <summary>The TCP connection of the request (answers go back on it); null for UDP.</summary>
    public TrdpSim.Transport.Tcp.TcpMdConnection? Connection { get; internal set; }

    public ReplyAction Action { get; internal set; }

    public int ErrorStatus { get; internal set; }

    public MdReplierState State { get; internal set; }

    /// <summary>The reply leaves from the station's other-port socket (wrong-port fault), not the MD port.</summary>
    public bool FromOtherPort { get; internal set; }

    /// <summary>Counts reuses of this pooled session, so a late script answer never lands on the next request.</summary>
    public int Generation { get; internal set; }

    /// <summary>The planned delay, kept while a script decides (used if it does not answer in time).</summary>
    internal long PlannedDelayNanoseconds { get; set; }

    /// <summary>Payload a script chose for this reply; null = the listener's.</summary>
    internal byte[]? ScriptPayload { get; set; }

    /// <summary>User status a script chose; null = the listener's.</summary>
    internal int? ScriptUserStatus { get; set; }

    /// <inheritdoc />
    protected internal override void OnExpired(TimingWheel wheel, long nowNanoseconds) => Station.OnReplierTimer(this, wheel, nowNanoseconds);
}

/// <summary>Where a replier session stands.</summary>
internal enum MdReplierState
{
    /// <summary>Waiting for its reply (or error) time.</summary>
    Delaying,

    /// <summary>'Mq' sent, waiting for 'Mc'.</summary>
    AwaitingConfirm,

    /// <summary>Deliberately not answering; kept until the caller gave up so its retries are discarded.</summary>
    Silent,

    /// <summary>A script is computing the answer; the timer is the deadline for it.</summary>
    AwaitingScript,
}
