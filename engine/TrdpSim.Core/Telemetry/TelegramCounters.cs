namespace TrdpSim.Telemetry;

/// <summary>Counters of one telegram instance (one publication, subscription or pull requester).</summary>
/// <remarks>
/// Each field has one writer thread (send fields: the wheel thread; receive fields: the device's receive
/// loop), so plain increments suffice; readers on other threads may see a value a moment old, never a
/// torn one (aligned 64-bit on x64). Increment through <see cref="Interlocked"/> only where a field
/// could get a second writer; a pull requester's reply and timeout fields are written by the wheel and
/// the receive thread under the requester's lock.
/// </remarks>
public sealed class TelegramCounters
{
    /// <summary>Telegrams handed to the socket and accepted by it.</summary>
    public long Sent;

    /// <summary>Sends the socket refused (buffer full, no route …).</summary>
    public long SendFailures;

    /// <summary>Frames a publication prepared (a cycle, or a babbled extra) that a fault withheld (loss, burst
    /// loss, silence): without duplicate or babble faults, sent + send failures + struck = cycles played.</summary>
    public long Struck;

    /// <summary>Cycles skipped because the sender fell more than one cycle behind (never burst out).</summary>
    public long DroppedCycles;

    /// <summary>Telegrams accepted by the subscription (sequence rule passed).</summary>
    public long Received;

    /// <summary>Sequence gaps: telegrams the sender numbered but that never arrived (counted across a
    /// timeout too; not across a restart or a jump, see <see cref="Devices.SequenceTracker"/>).</summary>
    public long Lost;

    /// <summary>Accepted telegrams whose counter went back (to 0 or below the last one): the publisher restarted.</summary>
    public long Restarts;

    /// <summary>Accepted telegrams whose counter ran further ahead than the time since the last one permits:
    /// the counter jumped; the gap is not counted as lost.</summary>
    public long SequenceJumps;

    /// <summary>Same sequence number as the last accepted one (dropped, as TCNopen does).</summary>
    public long Duplicates;

    /// <summary>Lower sequence number than the last accepted one, not 0 (dropped, as TCNopen does).</summary>
    public long OutOfOrder;

    /// <summary>Times the subscription timed out (counted once per silence); for a pull requester, the
    /// requests that got no reply within the pull's timeout.</summary>
    public long Timeouts;

    /// <summary>Telegrams rejected by the subscription's topography filter.</summary>
    public long TopoRejects;

    /// <summary>Pull requests answered ('Pp' sent) or issued ('Pr' sent), by role.</summary>
    public long PullRequests;

    /// <summary>Pull replies received by a requester within the pull's timeout (each one is a round-trip sample).</summary>
    public long PullReplies;

    /// <summary>Pull replies that arrived after their request's timeout had passed (no round-trip sample).</summary>
    public long PullLateReplies;

    /// <summary>Pull replies that arrived while no request was waiting or overdue (no round-trip sample).</summary>
    public long PullUnmatchedReplies;

    /// <summary>'Pr' ignored by a responder's subscription: the same (or an older) sequence counter as the last
    /// accepted one from that source, as TCNopen does.</summary>
    public long PullDuplicates;

    /// <summary>Of <see cref="Timeouts"/>, those whose deadline fell inside a stall of trdpsim's own wheel or
    /// receive thread: self-inflicted, not the publisher's silence.</summary>
    public long SelfTimeouts;

    /// <summary>Of <see cref="Lost"/>, those the kernel dropped at this device's receive socket because its
    /// reader fell behind: self-inflicted, not lost on the way.</summary>
    public long SelfLost;

    /// <summary>Frames a delay fault held back and sent late on purpose (their send lateness is not recorded).</summary>
    public long Delayed;

    /// <summary>Whether the subscription is currently timed out (1) or not (0).</summary>
    public int TimedOut;

    /// <summary>Adds every counter of <paramref name="other"/> into this instance (readers only).</summary>
    public void Accumulate(TelegramCounters other)
    {
        Sent += Volatile.Read(ref other.Sent);
        SendFailures += Volatile.Read(ref other.SendFailures);
        Struck += Volatile.Read(ref other.Struck);
        DroppedCycles += Volatile.Read(ref other.DroppedCycles);
        Received += Volatile.Read(ref other.Received);
        Lost += Volatile.Read(ref other.Lost);
        Restarts += Volatile.Read(ref other.Restarts);
        SequenceJumps += Volatile.Read(ref other.SequenceJumps);
        Duplicates += Volatile.Read(ref other.Duplicates);
        OutOfOrder += Volatile.Read(ref other.OutOfOrder);
        Timeouts += Volatile.Read(ref other.Timeouts);
        TopoRejects += Volatile.Read(ref other.TopoRejects);
        PullRequests += Volatile.Read(ref other.PullRequests);
        PullReplies += Volatile.Read(ref other.PullReplies);
        PullLateReplies += Volatile.Read(ref other.PullLateReplies);
        PullUnmatchedReplies += Volatile.Read(ref other.PullUnmatchedReplies);
        PullDuplicates += Volatile.Read(ref other.PullDuplicates);
        TimedOut += Volatile.Read(ref other.TimedOut);
        Delayed += Volatile.Read(ref other.Delayed);
        SelfTimeouts += Volatile.Read(ref other.SelfTimeouts);
        SelfLost += Volatile.Read(ref other.SelfLost);
    }
}
