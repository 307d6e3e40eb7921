using TrdpSim.Devices.Generators;
using TrdpSim.Pipeline;
using TrdpSim.Protocol;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Devices.Md;

/// <summary>Starts MD transactions on an exact schedule and follows each one to its outcome.</summary>
/// <remarks>
/// Wheel thread only. Transactions are due every <c>1/rate</c> seconds on an absolute grid; when the
/// interval is shorter than a wheel tick, one expiry starts every transaction due by now, each with its
/// own intended time, so round trips are measured from when each request <em>should</em> have left
/// (no coordinated omission). A transaction due while <c>max-outstanding</c> are open is skipped and
/// counted, never queued.
/// </remarks>
internal sealed class MdCaller(MdStation station, string name, in MdHeader template, byte[] payload, FieldGenerator[] generators,
    Ip4Endpoint destination, long intervalNanoseconds, long? count, int maxOutstanding, long replyTimeoutNanoseconds, int expected,
    int retries, int confirmStatus, MdGroup group, int seed, bool tcp) : WheelTimer
{
    private const int MaxStartsPerExpiry = 100_000;

    private readonly MdStation _station = station;
    private readonly MdHeader _template = template;
    private readonly byte[] _payload = payload;
    private readonly FieldGenerator[] _generators = generators;
    private readonly Stack<MdCallerSession> _free = new();
    private readonly int _frameCapacity = MdFrame.FrameLength(payload.Length);
    private readonly Random _ids = new(seed);

    /// <summary>The second half of every session id the caller issues (<see cref="MdStation.SessionTail"/>): it is
    /// numbered by its place in the station's callers, which it joins right after it is made.</summary>
    public ulong SessionTail { get; } = station.SessionTail(station.Callers.Count);

    public string Name { get; } = name;

    public Ip4Endpoint Destination { get; } = destination;

    public long IntervalNanoseconds { get; set; } = intervalNanoseconds;

    public long Remaining { get; private set; } = count ?? long.MaxValue;

    public int MaxOutstanding { get; } = maxOutstanding;

    public long ReplyTimeoutNanoseconds { get; } = replyTimeoutNanoseconds;

    public int Expected { get; } = expected;

    public int Retries { get; } = retries;

    public int ConfirmStatus { get; } = confirmStatus;

    public MdGroup Group { get; } = group;

    /// <summary>Sends over the station's TCP client pool (no retries on TCP).</summary>
    public bool Tcp { get; } = tcp;

    public bool IsNotify => _template.MessageType == TrdpMessageType.Mn;

    /// <summary>Where the caller's requests, notifications and confirmations leave (set when the run is
    /// built); faults on it may withhold confirmations.</summary>
    public Outlet Outlet { get; internal set; } = null!;

    /// <summary>The device's interface the caller's requests leave from (0 = a): the first of its scope. The reply
    /// comes back to that interface's caller socket.</summary>
    public int Face { get; init; }

    /// <summary>The run's pause switch (set when the run is assembled): while it is closed, no transaction starts.</summary>
    internal TrafficGate? Gate;

    /// <inheritdoc />
    protected internal override void OnExpired(TimingWheel wheel, long nowNanoseconds)
    {
        var due = DeadlineNanoseconds;
        if (Gate is { IsPaused: true })
        {
            // Paused: the grid goes on without calls, so a resume neither bursts out the calls due
            // meanwhile nor counts them as skipped.
            var interval = Math.Max(1, IntervalNanoseconds);
            due += interval;
            if (due <= nowNanoseconds)
            {
                due += ((nowNanoseconds - due) / interval + 1) * interval;
            }

            wheel.Schedule(this, due);
            return;
        }

        var started = 0;
        do
        {
            Start(wheel, due);
            due += IntervalNanoseconds;
        }
        while (due <= nowNanoseconds && Remaining > 0 && ++started < MaxStartsPerExpiry);

        if (Remaining > 0)
        {
            wheel.Schedule(this, due);
        }
    }

    private void Start(TimingWheel wheel, long intended)
    {
        Remaining--;
        var counters = Group.Counters;
        foreach (var generator in _generators)
        {
            generator.Write(_payload);
        }

        if (IsNotify)
        {
            var header = _template;
            var length = MdFrame.Encode(_station.Scratch, header, _payload);
            Transmit(_station.Scratch.AsSpan(0, length), null);
            counters.Calls++;
            return;
        }

        if (counters.Outstanding >= MaxOutstanding)
        {
            counters.Skipped++;
            return;
        }

        var session = _free.Count > 0 ? _free.Pop() : new MdCallerSession(this, _frameCapacity);
        var request = _template;
        request.SessionId = SessionId.NewV4(_ids, SessionTail);
        request.SequenceCounter = 0;
        session.SessionId = request.SessionId;
        session.Sequence = 0;
        session.Destination = Destination;
        session.FrameLength = MdFrame.Encode(session.Frame, request, _payload);
        session.RetriesLeft = Retries;
        session.Expected = Expected;
        session.Replies = 0;
        session.IntendedNanoseconds = intended;
        _station.OpenCall(session);
        counters.Calls++;
        counters.Outstanding++;
        var refusedBefore = counters.SendFailures;
        Transmit(session.Frame.AsSpan(0, session.FrameLength), session);
        if (Tcp && counters.SendFailures != refusedBefore)
        {
            // The TCP pool refused the request at once (connection down, in its reconnect wait, send buffer full): it
            // never left, so the device had nothing to answer. It is the caller's send failure (counted by the
            // outlet's owner), not a reply timeout, and nothing is sent again (trdp-wire.md §8.5/§8.9: no
            // retransmissions on TCP).
            Close(session, wheel);
            return;
        }

        // A connect that fails within the moment between the send and this look is missed: that call ends as a timeout.
        session.QueuedOn = Tcp ? Outlet.ConnectionNotYetUp(Destination) : null;
        wheel.Schedule(session, intended + ReplyTimeoutNanoseconds);
    }

    /// <summary>The connect <paramref name="session"/>'s request was queued for failed: the request never left, so the
    /// device had nothing to answer. The call ends at once as the caller's send failure, as a request the pool refused
    /// does (<see cref="Start"/>), not as a reply timeout blaming the device.</summary>
    internal void OnConnectFailed(MdCallerSession session)
    {
        Group.Counters.SendFailures++;
        Close(session, _station.Wheel);
    }

    /// <param name="frame">The request or notification.</param>
    /// <param name="session">The call a request opens, which hears whether the socket took it (UDP, no faults on the
    /// outlet: the flush comes at the end of this tick, while the session is surely still this call's); null for a
    /// notification, or to leave the outcome to the outlet's counters.</param>
    private void Transmit(ReadOnlySpan<byte> frame, MdCallerSession? session)
    {
        if (!Tcp)
        {
            var owner = Outlet.Stage is null ? session : null;
            Outlet.SendCopyOf(frame, new FrameRoute(Destination, Face: Face, Owner: owner), SendPort.Unscheduled);
            return;
        }

        // The pool connects on first use and queues until connected; a refusal is a counted failure.
        Outlet.SendCopyOf(frame, new FrameRoute(Destination, TcpClient: true), SendPort.Unscheduled);
    }

    /// <summary>A reply ('Mp'/'Mq') for <paramref name="session"/> arrived.</summary>
    /// <param name="session">The session the reply's id matched.</param>
    /// <param name="wheel">The wheel.</param>
    /// <param name="sequence">The reply's sequence counter: a reply copies the counter of the request it answers
    /// (trdp-wire.md §4), the first transmission's 0 or a retry's 1, 2 (§8.5).</param>
    /// <param name="receivedNanoseconds">When the reply arrived.</param>
    internal void OnReply(MdCallerSession session, TimingWheel wheel, uint sequence, long receivedNanoseconds)
    {
        session.Replies++;

        // The round trip of the transmission the reply answers: one to a retry is timed from that retry, not from the
        // first transmission, whose timeout it would otherwise include. A counter no transmission carried names no
        // request to time: the reply still counts (matched by session id), but gives no round trip.
        if (session.SentNanoseconds(sequence) is { } sent)
        {
            RecordRoundTrip(sent, receivedNanoseconds);
        }

        if (session.Expected > 0 && session.Replies >= session.Expected)
        {
            Group.Counters.Ok++;
            Close(session, wheel);
        }
    }

    /// <summary>An 'Me' for <paramref name="session"/> arrived: the transaction ends with that error.</summary>
    internal void OnError(MdCallerSession session, TimingWheel wheel, int status, long receivedNanoseconds)
    {
        var counters = Group.Counters;
        switch (status)
        {
            case ReplyStatus.NoReplier:
                counters.ErrorNoReplier++;
                break;
            case ReplyStatus.NoMemoryAtReplier:
                counters.ErrorNoMemory++;
                break;
            default:
                counters.ErrorOther++;
                break;
        }

        RecordRoundTrip(session.IntendedNanoseconds, receivedNanoseconds); // an 'Me' carries sequence 0 (trdp-wire.md §4)
        Close(session, wheel);
    }

    /// <summary>Records a round trip in the caller's figures, unless a stall of trdpsim's own threads overlapped
    /// it: then it goes to the run's record of round trips inside stalls (and to the caller's figures too only
    /// when stalls count in verdicts).</summary>
    private void RecordRoundTrip(long sentNanoseconds, long receivedNanoseconds)
    {
        var rtt = receivedNanoseconds - sentNanoseconds;
        var telemetry = _station.Telemetry;
        if (!telemetry.Stalls.Affected(sentNanoseconds, receivedNanoseconds, MonotonicClock.NowNanoseconds(), SelfInflictedCheck.MdSources))
        {
            Group.Latency.Record(rtt);
            return;
        }

        telemetry.StallRoundTrips.Record(rtt);
        if (telemetry.StallsInVerdicts)
        {
            Group.Latency.Record(rtt);
        }
    }

    /// <summary>Whether the socket took a request's first transmission. One it refused (a full send buffer, no route)
    /// never reached the device, which therefore had nothing to answer: the call ends at once as the caller's send
    /// failure — not as a reply timeout blaming the device, and with no retries, which would repeat a request the
    /// device never saw (as a refused TCP request, <see cref="Start"/>).</summary>
    internal void OnRequestSent(MdCallerSession session, bool accepted)
    {
        if (accepted)
        {
            return;
        }

        Group.Counters.SendFailures++;
        if (session.IsScheduled && session.Sequence == 0)
        {
            Close(session, _station.Wheel);
        }
    }

    internal void OnReplyTimeout(MdCallerSession session, TimingWheel wheel, long nowNanoseconds)
    {
        var counters = Group.Counters;
        if (session.Replies == 0 && session.RetriesLeft > 0)
        {
            // trdp-wire.md §8.5: the same request (same session id) again, sequence counter + 1.
            session.RetriesLeft--;
            session.Sequence++;
            MdFrame.RewriteSequence(session.Frame, session.Sequence);
            counters.Retries++;
            Outlet.SendCopyOf(session.Frame.AsSpan(0, session.FrameLength), new FrameRoute(session.Destination, Face: Face), SendPort.Unscheduled);
            wheel.Schedule(session, session.DeadlineNanoseconds + ReplyTimeoutNanoseconds);
            return;
        }

        if (session.Replies == 0)
        {
            counters.Timeouts++;
            if (_station.Telemetry.Stalls.StalledAt(session.DeadlineNanoseconds, nowNanoseconds, SelfInflictedCheck.MdSources))
            {
                counters.SelfTimeouts++;
            }
        }
        else if (session.Expected == 0)
        {
            counters.Ok++; // unknown number of replies: whatever came by the timeout is the answer
        }
        else
        {
            counters.NotAllReplies++;
        }

        Close(session, wheel);
    }

    private void Close(MdCallerSession session, TimingWheel wheel)
    {
        session.QueuedOn = null;
        wheel.Cancel(session);
        _station.CloseCall(session);
        Group.Counters.Outstanding--;
        _free.Push(session);
    }
}
