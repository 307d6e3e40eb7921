namespace TrdpSim.Telemetry;

/// <summary>Outcome counters of one MD caller or replier.</summary>
/// <remarks>All MD state machines run on the wheel thread, so every field has that one writer;
/// receive threads only count what they drop before handing frames over (<see cref="RunTelemetry.MdInboxDrops"/>).</remarks>
public sealed class MdCounters
{
    // Caller side.

    /// <summary>Requests or notifications started (first transmissions).</summary>
    public long Calls;

    /// <summary>Retransmissions after a reply timeout (UDP unicast).</summary>
    public long Retries;

    /// <summary>Transactions that got every expected reply.</summary>
    public long Ok;

    /// <summary>Transactions that got no reply before the (last) timeout.</summary>
    public long Timeouts;

    /// <summary>Of <see cref="Timeouts"/>, those whose deadline fell inside a stall of trdpsim's own threads:
    /// self-inflicted, not the replier's silence.</summary>
    public long SelfTimeouts;

    /// <summary>Transactions that got some but not all expected replies.</summary>
    public long NotAllReplies;

    /// <summary>'Me' received with status -3 (no replier).</summary>
    public long ErrorNoReplier;

    /// <summary>'Me' received with status -4 (replier out of sessions).</summary>
    public long ErrorNoMemory;

    /// <summary>'Me' received with any other status.</summary>
    public long ErrorOther;

    /// <summary>Confirmations ('Mc') sent for 'Mq' replies.</summary>
    public long ConfirmsSent;

    /// <summary>Transactions due while <c>max-outstanding</c> were open: skipped, never queued.</summary>
    public long Skipped;

    /// <summary>Replies ('Mp'/'Mq' over UDP) that came from another source port than the MD port, where
    /// TRDP repliers send from; matched by session id and accepted all the same, as TCNopen does.</summary>
    public long RepliesFromOtherPort;

    /// <summary>Replies ('Mp'/'Mq'/'Me') to one of the caller's sessions that arrived after the session ended (its last
    /// timeout, or all expected replies already in): dropped as TCNopen drops them (trdp-wire.md §8.7), no round trip.</summary>
    public long LateRepliesReceived;

    // Replier side.

    /// <summary>Requests accepted by the listener (new sessions).</summary>
    public long Requests;

    /// <summary>Notifications delivered to the listener.</summary>
    public long Notifications;

    /// <summary>'Mp'/'Mq' sent (including late ones).</summary>
    public long Replies;

    /// <summary>Requests deliberately left unanswered (behaviour shaping).</summary>
    public long NoReplies;

    /// <summary>'Me' sent (behaviour shaping, no listener, or session table full).</summary>
    public long ErrorsSent;

    /// <summary>Replies deliberately sent after the caller's timeout.</summary>
    public long LateReplies;

    /// <summary>'Mc' received for an 'Mq'.</summary>
    public long ConfirmsReceived;

    /// <summary>'Mq' whose 'Mc' never came.</summary>
    public long ConfirmTimeouts;

    /// <summary>Repeated requests discarded (same session, as TCNopen does).</summary>
    public long Duplicates;

    /// <summary>Copies of a group request or notification the listener took, heard again on another interface of a
    /// multi-homed device (one datagram seen by several interfaces): neither answered nor counted as requests.</summary>
    public long Redundant;

    /// <summary>Group (multicast) requests dropped because the station's replier sessions were at md-max-sessions: a
    /// unicast one gets 'Me' -4 (<see cref="ErrorsSent"/>), a group one no answer at all (trdp-wire.md §8.6, §8.7).</summary>
    public long SessionLimitDrops;

    /// <summary>'Mq' sent again because the caller retried while the confirmation was pending.</summary>
    public long RepliesRepeated;

    /// <summary>Sessions open now (gauge).</summary>
    public long Outstanding;

    /// <summary>Sends the socket (or the TCP connection) refused. A caller's request over TCP refused at once never left:
    /// its call ends here, neither a timeout nor retried.</summary>
    public long SendFailures;

    public void Accumulate(MdCounters o)
    {
        Calls += o.Calls; Retries += o.Retries; Ok += o.Ok; Timeouts += o.Timeouts; SelfTimeouts += o.SelfTimeouts; NotAllReplies += o.NotAllReplies;
        ErrorNoReplier += o.ErrorNoReplier; ErrorNoMemory += o.ErrorNoMemory; ErrorOther += o.ErrorOther;
        ConfirmsSent += o.ConfirmsSent; Skipped += o.Skipped; RepliesFromOtherPort += o.RepliesFromOtherPort; LateRepliesReceived += o.LateRepliesReceived; Requests += o.Requests; Notifications += o.Notifications;
        Replies += o.Replies; NoReplies += o.NoReplies; ErrorsSent += o.ErrorsSent; LateReplies += o.LateReplies;
        ConfirmsReceived += o.ConfirmsReceived; ConfirmTimeouts += o.ConfirmTimeouts; Duplicates += o.Duplicates;
        RepliesRepeated += o.RepliesRepeated; SessionLimitDrops += o.SessionLimitDrops; Redundant += o.Redundant; Outstanding += o.Outstanding; SendFailures += o.SendFailures;
    }
}
