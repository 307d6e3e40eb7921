using TrdpSim.Protocol;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using TrdpSim.Transport;

namespace TrdpSim.Devices;

/// <summary>Sends 'Pr' pull requests on a fixed interval and measures the round trip to the 'Pp'.</summary>
/// <remarks>
/// <para>The request leaves from the wheel thread like any cyclic telegram; the reply arrives on the device's
/// receive loop through a subscription of the reply ComId, which calls <see cref="OnReply"/>. The group's
/// lateness histogram holds round-trip times for pulls.</para>
/// <para><b>Matching.</b> Each request waits for its reply for the pull's timeout, from the moment the wheel
/// released it (it leaves within the same tick). A 'Pp' carries nothing that names its 'Pr', and a responder
/// answers at once, so a reply answers the newest waiting request: that round trip is recorded and counted
/// in <see cref="TelegramCounters.PullReplies"/>. A waiting request whose timeout passes is counted in
/// <see cref="TelegramCounters.Timeouts"/>; a reply that finds no waiting request but an overdue one is
/// late (<see cref="TelegramCounters.PullLateReplies"/>), one that finds neither is unmatched
/// (<see cref="TelegramCounters.PullUnmatchedReplies"/>). Neither gives a round trip.</para>
/// <para><b>Threads.</b> The waiting requests are shared by the wheel thread (adds a request when it is
/// prepared, withdraws it if the socket refused it) and the receive thread (replies, periodic expiry), so
/// they and the reply/timeout counters are guarded by a lock: pulls run at most once per millisecond per
/// requester, and each critical section is a few array accesses. The request is recorded before it is
/// handed to the socket, so its reply can never be matched against the request before it (a reply can
/// arrive before the send call has even returned to the wheel thread).</para>
/// </remarks>
internal sealed class PullRequester : OutgoingTelegram
{
    /// <summary>Most requests that can wait at once (interval 1 ms with a timeout above 4 s); beyond, the
    /// oldest is given up and counted as timed out.</summary>
    public const int MaxWaiting = 4096;

    private readonly Lock _lock = new();
    private readonly long[] _waiting;
    private int _oldest;
    private int _waitingCount;
    private long _overdue;
    private long _firedAt;
    private uint _sequence;

    public PullRequester(string name, TelegramCounters counters, TelegramGroup group, Ip4Endpoint target,
        uint comId, uint replyComId, uint replyAddress, long intervalNanoseconds, long timeoutNanoseconds)
        : base(name, counters, group, target, PdFrame.HeaderSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalNanoseconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeoutNanoseconds);
        CycleNanoseconds = intervalNanoseconds;
        TimeoutNanoseconds = timeoutNanoseconds;
        _waiting = new long[(int)Math.Min(MaxWaiting, (timeoutNanoseconds / intervalNanoseconds) + 2)];
        var header = new PdHeader
        {
            ProtocolVersion = PdFrame.CurrentProtocolVersion,
            MessageType = TrdpMessageType.Pr,
            ComId = comId,
            ReplyComId = replyComId,
            ReplyIpAddress = replyAddress,
        };
        FrameLength = PdFrame.Encode(Frame, header, []);
    }

    /// <summary>How long a request waits for its reply.</summary>
    public long TimeoutNanoseconds { get; }

    /// <summary>Requests sent and still waiting for their reply (readers: a moment old).</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _waitingCount;
            }
        }
    }

    /// <inheritdoc />
    protected internal override void OnExpired(TimingWheel wheel, long nowNanoseconds)
    {
        _firedAt = nowNanoseconds;
        base.OnExpired(wheel, nowNanoseconds);
    }

    /// <inheritdoc />
    protected override void PrepareFrame(long cycleIndex)
    {
        PdFrame.RewriteSequence(Frame, _sequence++);
        lock (_lock)
        {
            ExpireLocked(_firedAt);
            if (_waitingCount == _waiting.Length)
            {
                GiveUpOldestLocked();
            }

            _waiting[(_oldest + _waitingCount) % _waiting.Length] = _firedAt;
            _waitingCount++;
        }
    }

    /// <inheritdoc />
    public override LatencyRecorder? SendLateness => null;

    /// <inheritdoc />
    public override int PayloadLength => 0;

    /// <inheritdoc />
    public override void ContinueSequenceFrom(uint sequence)
    {
        PdFrame.RewriteSequence(Frame, sequence);
        _sequence = sequence + 1;
    }

    /// <inheritdoc />
    public override void OnSent(bool accepted, long sentNanoseconds)
    {
        if (accepted)
        {
            Counters.Sent++;
            Counters.PullRequests++;
            return;
        }

        Counters.SendFailures++;
        lock (_lock)
        {
            // The request just prepared is the newest one waiting (the next is prepared an interval later);
            // it never left, so no reply can come for it.
            if (_waitingCount > 0)
            {
                _waitingCount--;
            }
        }
    }

    /// <summary>A 'Pp' for this pull arrived (receive thread).</summary>
    public void OnReply(long nowNanoseconds)
    {
        long sent;
        lock (_lock)
        {
            ExpireLocked(nowNanoseconds);
            if (_waitingCount == 0)
            {
                if (_overdue > 0)
                {
                    _overdue--;
                    Counters.PullLateReplies++;
                }
                else
                {
                    Counters.PullUnmatchedReplies++;
                }

                return;
            }

            _waitingCount--;
            sent = _waiting[(_oldest + _waitingCount) % _waiting.Length];
            Counters.PullReplies++;
        }

        Group.Lateness.Record(nowNanoseconds - sent);
    }

    /// <summary>Counts the requests whose timeout has passed without a reply (receive thread's sweep, so a
    /// run's last requests are counted even when nothing else happens).</summary>
    public void ExpireOverdue(long nowNanoseconds)
    {
        lock (_lock)
        {
            ExpireLocked(nowNanoseconds);
        }
    }

    private void ExpireLocked(long nowNanoseconds)
    {
        while (_waitingCount > 0 && nowNanoseconds - _waiting[_oldest] > TimeoutNanoseconds)
        {
            GiveUpOldestLocked();
        }
    }

    private void GiveUpOldestLocked()
    {
        _oldest = (_oldest + 1) % _waiting.Length;
        _waitingCount--;
        _overdue++;
        Counters.Timeouts++;
    }
}
