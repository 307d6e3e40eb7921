using TrdpSim.Pipeline;
using TrdpSim.Protocol;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Transport;
using TrdpSim.Transport.Tcp;

namespace TrdpSim.Devices.Md;

/// <summary>A device's message-data side: its MD sockets, listeners, callers and open sessions.</summary>
/// <remarks>
/// Sockets (trdp-wire.md §8.1): the service socket on <c>address:mdPort</c> receives requests,
/// notifications, 'Mc' and 'Me' and sends 'Mp'/'Mq' (so replies leave from 17225, as TCNopen's do);
/// the caller socket on <c>address:0</c> sends 'Mr'/'Mn'/'Mc' and receives the replies; an error
/// socket on <c>address:0</c> sends 'Me' to the caller's MD port. A multi-homed device has a service and an error
/// socket on each further interface too, and answers a UDP request on the interface it arrived on
/// (<see cref="InboundFrame.Face"/>, <see cref="FrameRoute.Face"/>). Every frame is handled on the wheel
/// thread (<see cref="WheelInbox"/>), which owns all session tables: no locks anywhere in MD.
/// </remarks>
internal sealed partial class MdStation(string device, uint address, RunTelemetry telemetry, MdCounters stationCounters, int maxSessions,
    ushort mdPort, uint etbTopoCount, uint opTrainTopoCount) : IInboundFrameHandler
{
    private readonly Dictionary<SessionId, MdCallerSession> _calls = [];
    private readonly Dictionary<SessionId, MdReplierSession> _replies = [];
    private readonly List<MdCallerSession> _unsent = [];
    private readonly Stack<MdReplierSession> _freeReplierSessions = new();
    private readonly List<MdListener> _listeners = [];
    private readonly RunTelemetry _telemetry = telemetry;
    private readonly MdCounters _stationCounters = stationCounters;
    private readonly int _maxSessions = maxSessions;
    private readonly ushort _mdPort = mdPort;
    private readonly uint _etbTopoCount = etbTopoCount;
    private readonly uint _opTrainTopoCount = opTrainTopoCount;
    private int _replierSessions;

    public string Device { get; } = device;

    /// <summary>The run's telemetry (stall monitor and records of effects inside stalls).</summary>
    internal RunTelemetry Telemetry => _telemetry;

    public uint Address { get; } = address;

    /// <summary>Where the station's 'Me' leave: from an ephemeral socket to the caller's MD port (set when the run is built).</summary>
    public Outlet ErrorOutlet { get; internal set; } = null!;

    public List<MdCaller> Callers { get; } = [];

    /// <summary>TCP listener on the MD port, when a TCP replier exists.</summary>
    public TrdpSim.Transport.Tcp.TcpMdServer? TcpServer { get; internal set; }

    /// <summary>TCP connections of TCP callers, kept and reused per destination.</summary>
    public TrdpSim.Transport.Tcp.TcpMdClientPool? TcpClients { get; internal set; }

    public IReadOnlyList<MdListener> Listeners => _listeners;

    /// <summary>Tells another interface's copy of a group request from a new one; set only for a multi-homed device
    /// that joins its listeners' groups on several interfaces (null: every group frame is new).</summary>
    internal MdGroupCopies? GroupCopies { get; set; }

    /// <summary>Encoding scratch for frames that are copied into a send batch at once.</summary>
    internal byte[] Scratch { get; } = GC.AllocateArray<byte>(MdFrame.MaxFrameSize, pinned: true);

    /// <summary>The wheel every MD timer runs on (set before the run starts).</summary>
    public TimingWheel Wheel { get; internal set; } = null!;

    /// <summary>Open replier sessions (gauge).</summary>
    public int ReplierSessions => _replierSessions;

    /// <summary>Open caller sessions (gauge).</summary>
    public int CallerSessions => _calls.Count;

    internal void AddListener(MdListener listener) => _listeners.Add(listener);

    /// <summary>48 bits drawn once per station (from the run seed): the second half of every session id its callers
    /// issue carries them and the caller's number, so a reply whose session already ended still names its caller.</summary>
    internal ulong SessionTag { get; set; }

    /// <summary>The second half of the session ids of the caller numbered <paramref name="caller"/> (its index in
    /// <see cref="Callers"/>).</summary>
    internal ulong SessionTail(int caller) => 0x8000_0000_0000_0000UL | ((ulong)(caller & 0x3FFF) << 48) | (SessionTag & 0xFFFF_FFFF_FFFFUL);

    /// <summary>The caller that issued <paramref name="id"/>, or null when none of the station's did.</summary>
    private MdCaller? IssuerOf(in SessionId id)
    {
        var tail = id.Tail;
        foreach (var caller in Callers)
        {
            if (caller.SessionTail == tail)
            {
                return caller;
            }
        }

        return null;
    }

    internal void OpenCall(MdCallerSession session) => _calls[session.SessionId] = session;

    internal void CloseCall(MdCallerSession session) => _calls.Remove(session.SessionId);

    /// <summary>A TCP connection that some of this station's calls queued their requests on failed to connect (wheel
    /// thread): those requests never left, and each of those calls ends as its caller's send failure. Calls on a
    /// connection that was up end by their own timers, since the device may have had their requests.</summary>
    internal void OnConnectFailed(TcpMdConnection connection)
    {
        foreach (var session in _calls.Values)
        {
            if (ReferenceEquals(session.QueuedOn, connection))
            {
                _unsent.Add(session);
            }
        }

        foreach (var session in _unsent)
        {
            session.Caller.OnConnectFailed(session);
        }

        _unsent.Clear();
    }

    /// <summary>Handles one received MD frame (wheel thread).</summary>
    public void Handle(InboundFrame frame, long nowNanoseconds)
    {
        var check = MdFrame.TryDecode(frame.Span, out var header);
        if (check != FrameCheck.Ok)
        {
            _telemetry.Rejects.Increment(RejectReasonMapping.From(check));
            return;
        }

        if ((header.EtbTopoCount != 0 && header.EtbTopoCount != _etbTopoCount) ||
            (header.OpTrainTopoCount != 0 && header.OpTrainTopoCount != _opTrainTopoCount))
        {
            _telemetry.Rejects.Increment(RejectReason.TopoMismatch);
            return;
        }

        switch (header.MessageType)
        {
            case TrdpMessageType.Mn:
                OnNotification(header, frame);
                break;
            case TrdpMessageType.Mr:
                OnRequest(header, frame);
                break;
            case TrdpMessageType.Mp:
            case TrdpMessageType.Mq:
                OnReply(header, frame);
                break;
            case TrdpMessageType.Mc:
                OnConfirm(header);
                break;
            case TrdpMessageType.Me:
                OnError(header, frame);
                break;
            default:
                _telemetry.Rejects.Increment(RejectReason.WrongMessageType);
                break;
        }
    }

    private void OnReply(in MdHeader header, InboundFrame frame)
    {
        if (!_calls.TryGetValue(header.SessionId, out var session) || ArrivedAfterTimeout(session, frame))
        {
            OnUnmatchedReply(header.SessionId, session);
            return;
        }

        if (frame.Connection is null && frame.Source.Port != _mdPort)
        {
            // Replies leave from the replier's MD port (trdp-wire.md §8.1); one from another port is
            // still matched by session id, as TCNopen's caller does, and counted.
            session.Caller.Group.Counters.RepliesFromOtherPort++;
        }

        if (header.MessageType == TrdpMessageType.Mq && session.Caller.Outlet.Stage?.WithholdsConfirm() != true)
        {
            SendConfirm(header, frame.Source.Address, session.Caller, frame.Connection, frame.Face);
        }

        session.Caller.OnReply(session, Wheel, header.SequenceCounter, frame.ReceivedNanoseconds);
    }

    private void OnError(in MdHeader header, InboundFrame frame)
    {
        if (!_calls.TryGetValue(header.SessionId, out var session) || ArrivedAfterTimeout(session, frame))
        {
            OnUnmatchedReply(header.SessionId, session);
            return;
        }

        session.Caller.OnError(session, Wheel, header.ReplyStatus, frame.ReceivedNanoseconds);
    }

    /// <summary>An 'Mp', 'Mq' or 'Me' that no open session takes: dropped silently, as TCNopen does (trdp-wire.md §8.7),
    /// and counted. Late when its session ended before it arrived (<paramref name="ended"/>, or an id one of the
    /// station's callers issued): the caller's <see cref="MdCounters.LateRepliesReceived"/>. Unknown when no caller
    /// of the station issued its id: the run's <see cref="RunTelemetry.MdUnmatchedReplies"/>.</summary>
    private void OnUnmatchedReply(in SessionId id, MdCallerSession? ended)
    {
        Interlocked.Increment(ref _telemetry.MdUnmatched);
        if ((ended?.Caller ?? IssuerOf(id)) is { } caller)
        {
            caller.Group.Counters.LateRepliesReceived++;
            return;
        }

        Interlocked.Increment(ref _telemetry.MdUnmatchedReplies);
    }

    /// <summary>A reply received after its session ended: the inbox is drained before the wheel fires due timers, so
    /// when the wheel wakes late the timeout has not been handled yet; it fires in this same wake-up and the reply
    /// counts as late, exactly as if the timer had fired on time.</summary>
    /// <remarks>A timeout with retries left does not end the session (trdp-wire.md §8.5: the request is sent again and
    /// the timer restarted), so a reply that arrived after it but before the last retry's timeout is the session's,
    /// as it would have been had the timer fired on time: only the final deadline makes a reply late.</remarks>
    private static bool ArrivedAfterTimeout(MdCallerSession session, InboundFrame frame) =>
        session.IsScheduled && frame.ReceivedNanoseconds > session.FinalDeadlineNanoseconds;

    private void SendConfirm(in MdHeader reply, uint replier, MdCaller caller, TrdpSim.Transport.Tcp.TcpMdConnection? connection, int face)
    {
        // trdp-wire.md §8.4: comId 0, seq 0, no data, the confirmer's status, session id copied,
        // URIs swapped; sent from the caller's socket to the replier's MD port — a multi-homed device's from the
        // caller socket of the interface the 'Mq' arrived on (the path that reaches the replier).
        var confirm = new MdHeader
        {
            MessageType = TrdpMessageType.Mc,
            ReplyStatus = caller.ConfirmStatus,
            SessionId = reply.SessionId,
            SourceUri = reply.DestinationUri,
            DestinationUri = reply.SourceUri,
        };
        var length = MdFrame.Encode(Scratch, confirm, []);
        caller.Outlet.SendCopyOf(Scratch.AsSpan(0, length), new FrameRoute(new Ip4Endpoint(replier, _mdPort), connection, Face: face), SendPort.Unscheduled);
        caller.Group.Counters.ConfirmsSent++;
    }
}
