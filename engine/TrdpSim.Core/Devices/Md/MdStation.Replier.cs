using TrdpSim.Distributions;
using TrdpSim.Pipeline;
using TrdpSim.Protocol;
using TrdpSim.Scheduling;
using TrdpSim.Transport;

namespace TrdpSim.Devices.Md;

/// <summary>The replier side of a station: listeners, shaped replies, confirmations, 'Me'.</summary>
internal sealed partial class MdStation
{
    /// <summary>How long a deliberately silent session is kept when the request had no timeout (0 = infinite).</summary>
    private const long SilentKeepNanoseconds = 5_000_000_000;

    private void OnNotification(in MdHeader header, InboundFrame frame)
    {
        if (IsGroupCopy(header, frame))
        {
            return;
        }

        // trdp-wire.md §8.2: delivered to a matching listener, never answered, no 'Me' without one.
        foreach (var listener in _listeners)
        {
            if (listener.Matches(header, frame.Source.Address, frame.Connection is not null, frame.Face))
            {
                listener.Group.Counters.Notifications++;
                return;
            }
        }

        Interlocked.Increment(ref _telemetry.MdUnmatched);
    }

    private void OnRequest(in MdHeader header, InboundFrame frame)
    {
        if (IsGroupCopy(header, frame))
        {
            return;
        }

        if (_replies.TryGetValue(header.SessionId, out var existing))
        {
            OnRepeatedRequest(existing, header, frame);
            return;
        }

        MdListener? listener = null;
        var tcp = frame.Connection is not null;
        foreach (var candidate in _listeners)
        {
            if (candidate.Matches(header, frame.Source.Address, tcp, frame.Face))
            {
                listener = candidate;
                break;
            }
        }

        if (listener is null)
        {
            // Me -3 only for a unicast request (a group request without listener stays unanswered).
            if (frame.Arrival != FrameArrival.Group)
            {
                SendError(header, frame.Source.Address, ReplyStatus.NoReplier, frame.Connection, frame.Face);
                _stationCounters.ErrorsSent++;
            }
            else
            {
                Interlocked.Increment(ref _telemetry.MdUnmatched);
            }

            return;
        }

        var counters = listener.Group.Counters;
        if (_replierSessions >= _maxSessions)
        {
            // Me -4 only for a unicast request: no 'Me' for multicast (trdp-wire.md §8.6), so a group request beyond
            // the limit is dropped unanswered, as one without listener is.
            if (frame.Arrival != FrameArrival.Group)
            {
                SendError(header, frame.Source.Address, ReplyStatus.NoMemoryAtReplier, frame.Connection, frame.Face);
                counters.ErrorsSent++;
            }
            else
            {
                counters.SessionLimitDrops++;
            }

            return;
        }

        counters.Requests++;
        var callerTimeout = header.ReplyTimeoutMicros == 0 ? 0 : header.ReplyTimeoutMicros * 1000L;
        var decision = listener.Decide(callerTimeout);
        var fromOtherPort = false;
        listener.Outlet.Stage?.ShapeReply(ref decision, callerTimeout, ref fromOtherPort);

        var session = _freeReplierSessions.Count > 0 ? _freeReplierSessions.Pop() : new MdReplierSession(this);
        session.Listener = listener;
        session.SessionId = header.SessionId;
        session.RequestSequence = header.SequenceCounter;
        session.RequestComId = header.ComId;
        session.CallerUri = header.SourceUri;
        session.ReplyTo = frame.Source;
        session.Connection = frame.Connection;
        session.Face = frame.Face;
        session.ReceivedNanoseconds = frame.ReceivedNanoseconds;
        session.Action = decision.Action;
        session.ErrorStatus = decision.ErrorStatus;
        session.FromOtherPort = fromOtherPort;
        _replies[header.SessionId] = session;
        _replierSessions++;
        counters.Outstanding++;

        if (decision.Action == ReplyAction.NoReply)
        {
            counters.NoReplies++;
            session.State = MdReplierState.Silent;
            Wheel.Schedule(session, frame.ReceivedNanoseconds + (callerTimeout > 0 ? callerTimeout * 4 : SilentKeepNanoseconds));
            return;
        }

        session.Generation++;
        if (listener.RequestTap is { } tap && decision.Action is ReplyAction.Reply or ReplyAction.LateReply)
        {
            var payloadLength = (int)Math.Min(header.DatasetLength, (uint)Math.Max(0, frame.Length - MdFrame.HeaderSize));
            if (tap.TryTake(session, header, frame.Span.Slice(MdFrame.HeaderSize, payloadLength), frame.ReceivedNanoseconds))
            {
                // The script has until the caller's timeout (or one second) to answer; then the plan answers.
                session.State = MdReplierState.AwaitingScript;
                session.PlannedDelayNanoseconds = decision.DelayNanoseconds;
                Wheel.Schedule(session, frame.ReceivedNanoseconds + Math.Max(callerTimeout, ScriptAnswerTimeNanoseconds));
                return;
            }
        }

        session.State = MdReplierState.Delaying;
        Wheel.Schedule(session, frame.ReceivedNanoseconds + decision.DelayNanoseconds);
    }

    /// <summary>How long a script may take to answer a request without a reply timeout.</summary>
    private const long ScriptAnswerTimeNanoseconds = 1_000_000_000;

    /// <summary>Wheel thread: applies a script's answer to the session that asked for it (ignored when the
    /// session has moved on: answered by the plan after the script's deadline, or reused).</summary>
    public void CompleteScripted(MdReplierSession session, int generation, ScriptedReply reply, long nowNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(reply);
        if (session.Generation != generation || session.State != MdReplierState.AwaitingScript || session.Listener is null)
        {
            return;
        }

        var counters = session.Listener.Group.Counters;
        if (reply.NoReply)
        {
            counters.NoReplies++;
            session.State = MdReplierState.Silent;
            Wheel.Schedule(session, nowNanoseconds + SilentKeepNanoseconds);
            return;
        }

        if (reply.ErrorStatus is { } status)
        {
            session.Action = ReplyAction.Error;
            session.ErrorStatus = status;
        }

        session.ScriptPayload = reply.Payload;
        session.ScriptUserStatus = reply.UserStatus;
        session.State = MdReplierState.Delaying;
        Wheel.Schedule(session, Math.Max(nowNanoseconds, session.ReceivedNanoseconds + (reply.DelayNanoseconds ?? session.PlannedDelayNanoseconds)));
    }

    /// <summary>Whether a group request or notification is another interface's copy of one the station already took
    /// (see <see cref="MdGroupCopies"/>): counted as redundant by the listener that took it, and nothing else.</summary>
    private bool IsGroupCopy(in MdHeader header, InboundFrame frame)
    {
        if (GroupCopies is not { } copies || frame.Arrival != FrameArrival.Group ||
            !copies.IsCopy(header, frame.Source, frame.Face, frame.ReceivedNanoseconds, out var firstFace))
        {
            return false;
        }

        foreach (var listener in _listeners)
        {
            if (listener.Matches(header, frame.Source.Address, false, firstFace))
            {
                listener.Group.Counters.Redundant++;
                break;
            }
        }

        return true;
    }

    private void OnRepeatedRequest(MdReplierSession session, in MdHeader header, InboundFrame frame)
    {
        var counters = session.Listener!.Group.Counters;

        // trdp-wire.md §8.5: same sequence → discard; TCP or multicast → discard; reply not sent yet → discard; 'Mq'
        // sent and its confirmation pending → send the 'Mq' again carrying the new sequence counter (UDP unicast only).
        if (frame.Connection is null && frame.Arrival != FrameArrival.Group && header.SequenceCounter != session.RequestSequence && session.State == MdReplierState.AwaitingConfirm)
        {
            session.RequestSequence = header.SequenceCounter;
            session.ReplyTo = frame.Source;
            session.Face = frame.Face; // the repeated request's path: the caller may have lost the other one
            SendReply(session);
            counters.RepliesRepeated++;
            return;
        }

        counters.Duplicates++;
    }

    private void OnConfirm(in MdHeader header)
    {
        if (!_replies.TryGetValue(header.SessionId, out var session) || session.State != MdReplierState.AwaitingConfirm)
        {
            Interlocked.Increment(ref _telemetry.MdUnmatched);
            return;
        }

        session.Listener!.Group.Counters.ConfirmsReceived++;
        CloseReplier(session);
    }

    /// <summary>A replier session's timer: time to answer, or the confirmation/silence period is over.</summary>
    internal void OnReplierTimer(MdReplierSession session, TimingWheel wheel, long nowNanoseconds)
    {
        var listener = session.Listener!;
        var counters = listener.Group.Counters;
        switch (session.State)
        {
            case MdReplierState.Delaying when session.Action == ReplyAction.Error:
                SendError(session, session.ErrorStatus);
                counters.ErrorsSent++;
                CloseReplier(session);
                return;
            case MdReplierState.Delaying:
                if (session.ScriptPayload is null)
                {
                    listener.AdvancePayload();
                }

                SendReply(session);
                counters.Replies++;
                if (session.Action == ReplyAction.LateReply)
                {
                    counters.LateReplies++;
                }

                listener.Group.Latency.Record(nowNanoseconds - session.ReceivedNanoseconds);
                if (listener.WithConfirm)
                {
                    session.State = MdReplierState.AwaitingConfirm;
                    wheel.Schedule(session, nowNanoseconds + listener.ConfirmTimeoutNanoseconds);
                    return;
                }

                CloseReplier(session);
                return;
            case MdReplierState.AwaitingConfirm:
                counters.ConfirmTimeouts++;
                CloseReplier(session);
                return;
            case MdReplierState.AwaitingScript:
                // The script did not answer in time: the plan answers, late.
                listener.RequestTap?.OnFallback(session);
                session.State = MdReplierState.Delaying;
                OnReplierTimer(session, wheel, nowNanoseconds);
                return;
            default:
                CloseReplier(session);
                return;
        }
    }

    private void SendReply(MdReplierSession session)
    {
        var listener = session.Listener!;
        var reply = new MdHeader
        {
            SequenceCounter = session.RequestSequence,
            MessageType = listener.WithConfirm ? TrdpMessageType.Mq : TrdpMessageType.Mp,
            ComId = listener.ReplyComId != 0 ? listener.ReplyComId : session.RequestComId,
            ReplyStatus = session.ScriptUserStatus ?? listener.UserStatus,
            SessionId = session.SessionId,
            ReplyTimeoutMicros = listener.WithConfirm ? (uint)(listener.ConfirmTimeoutNanoseconds / 1000) : 0,
            SourceUri = listener.OwnUri,
            DestinationUri = session.CallerUri,
        };
        var length = MdFrame.Encode(Scratch, reply, session.ScriptPayload is { } scripted ? scripted : listener.Payload);
        // Over TCP the answer goes back on the request's connection; over UDP from the MD port of the interface the
        // request arrived on, or from the listener's second socket when a wrong-port fault struck this reply.
        listener.Outlet.SendCopyOf(Scratch.AsSpan(0, length),
            new FrameRoute(session.ReplyTo, session.Connection, session.FromOtherPort, Face: session.Face), SendPort.Unscheduled);
    }

    private void SendError(MdReplierSession session, int status)
    {
        var header = new MdHeader { MessageType = TrdpMessageType.Mr, SessionId = session.SessionId };
        SendError(header, session.ReplyTo.Address, status, session.Connection, session.Face);
    }

    /// <param name="request">The request answered.</param>
    /// <param name="caller">The caller's address.</param>
    /// <param name="status">The error code.</param>
    /// <param name="connection">The request's TCP connection (the error goes back on it); null for UDP.</param>
    /// <param name="face">The interface the request arrived on (over UDP the error leaves on it).</param>
    private void SendError(in MdHeader request, uint caller, int status, TrdpSim.Transport.Tcp.TcpMdConnection? connection, int face)
    {
        // trdp-wire.md §8.8: seq 0, comId 0, no data, the request's session id, empty URIs, to the
        // caller's MD port (not the request's source port), from an ephemeral socket.
        var error = new MdHeader { MessageType = TrdpMessageType.Me, ReplyStatus = status, SessionId = request.SessionId };
        var length = MdFrame.Encode(Scratch, error, []);
        // Over TCP the error goes back on the request's connection.
        ErrorOutlet.SendCopyOf(Scratch.AsSpan(0, length), new FrameRoute(new Ip4Endpoint(caller, _mdPort), connection, Face: face), SendPort.Unscheduled);
    }

    private void CloseReplier(MdReplierSession session)
    {
        Wheel.Cancel(session);
        _replies.Remove(session.SessionId);
        _replierSessions--;
        session.Listener!.Group.Counters.Outstanding--;
        session.Listener = null;
        session.Connection = null;
        session.ScriptPayload = null;
        session.ScriptUserStatus = null;
        _freeReplierSessions.Push(session);
    }
}
