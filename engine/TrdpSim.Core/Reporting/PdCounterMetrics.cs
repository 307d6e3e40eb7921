using TrdpSim.Telemetry;

namespace TrdpSim.Reporting;

/// <summary>One PD telegram counter on <c>/metrics</c>: its name, help, the roles it can apply to and how
/// to read it from <see cref="TelegramCounters"/>.</summary>
internal sealed record PdCounterMetric(string Name, string Help, TelegramRole[] Roles, Func<TelegramCounters, long> Read)
{
    public bool AppliesTo(TelegramRole role) => Array.IndexOf(Roles, role) >= 0;
}

/// <summary>The PD telegram counters exported per configured telegram, each only for the roles it can apply
/// to: a series that can only ever read 0 (a subscription's <c>sent</c>, a publication's <c>lost</c>) is
/// noise on a dashboard and in every scrape.</summary>
internal static class PdCounterMetrics
{
    private static readonly TelegramRole[] Publish = [TelegramRole.Publish];
    private static readonly TelegramRole[] Subscribe = [TelegramRole.Subscribe];
    private static readonly TelegramRole[] Pull = [TelegramRole.Pull];
    private static readonly TelegramRole[] Senders = [TelegramRole.Publish, TelegramRole.Pull];
    private static readonly TelegramRole[] Supervised = [TelegramRole.Subscribe, TelegramRole.Pull];

    public static readonly PdCounterMetric[] All =
    [
        new("trdpsim_pd_sent_total", "PD telegrams sent: on their cycle (publish) or as pull requests (pull); pull replies are in trdpsim_pd_pull_requests_total.", Senders, static c => c.Sent),
        new("trdpsim_pd_send_failures_total", "PD sends refused by the socket (cyclic telegrams, pull replies, pull requests).", Senders, static c => c.SendFailures),
        new("trdpsim_pd_dropped_cycles_total", "Cycles skipped because the sender fell more than a cycle behind.", Senders, static c => c.DroppedCycles),
        new("trdpsim_pd_received_total", "PD telegrams accepted by subscriptions.", Subscribe, static c => c.Received),
        new("trdpsim_pd_lost_total", "PD telegrams missing from the sequence (gaps, also across a timeout).", Subscribe, static c => c.Lost),
        new("trdpsim_pd_restarts_total", "Accepted PD telegrams whose sequence counter went back (publisher restart; not loss).", Subscribe, static c => c.Restarts),
        new("trdpsim_pd_sequence_jumps_total", "Accepted PD telegrams whose sequence counter ran further ahead than the elapsed time permits (not loss).", Subscribe, static c => c.SequenceJumps),
        new("trdpsim_pd_duplicates_total", "PD telegrams repeating the last sequence number.", Subscribe, static c => c.Duplicates),
        new("trdpsim_pd_out_of_order_total", "PD telegrams older than the last accepted one.", Subscribe, static c => c.OutOfOrder),
        new("trdpsim_pd_timeouts_total", "Subscription timeouts; for a pull, requests without a reply within the pull's timeout.", Supervised, static c => c.Timeouts),
        new("trdpsim_pd_self_timeouts_total", "Of the subscription timeouts, those whose deadline fell inside a stall of trdpsim's own wheel or receive thread (self-inflicted).", Subscribe, static c => c.SelfTimeouts),
        new("trdpsim_pd_self_lost_total", "Of the lost telegrams, those the kernel dropped at the receive socket because trdpsim's reader fell behind (self-inflicted).", Subscribe, static c => c.SelfLost),
        new("trdpsim_pd_topo_rejects_total", "Telegrams rejected by a subscription's topography filter.", Subscribe, static c => c.TopoRejects),
        new("trdpsim_pd_pull_requests_total", "Pull requests answered with a 'Pp' (publish) or sent as a 'Pr' (pull).", Senders, static c => c.PullRequests),
        new("trdpsim_pd_pull_replies_total", "Pull replies received within the pull's timeout (one round-trip sample each).", Pull, static c => c.PullReplies),
        new("trdpsim_pd_pull_late_replies_total", "Pull replies that arrived after their request's timeout (no round trip recorded).", Pull, static c => c.PullLateReplies),
        new("trdpsim_pd_pull_unmatched_replies_total", "Pull replies that arrived with no request waiting or overdue.", Pull, static c => c.PullUnmatchedReplies),
        new("trdpsim_pd_pull_duplicates_total", "Pull requests ignored by a responder's subscription: same (or older) sequence counter from the same source.", Subscribe, static c => c.PullDuplicates),
        new("trdpsim_pd_struck_total", "Frames a publication prepared that a fault withheld (loss, burst loss, silence).", Publish, static c => c.Struck),
        new("trdpsim_pd_delayed_total", "PD telegrams a delay fault sent late on purpose (no lateness recorded).", Publish, static c => c.Delayed),
    ];
}
