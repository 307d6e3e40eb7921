using System.Globalization;
using TrdpSim.Protocol;
using TrdpSim.Protocol.Statistics;

namespace TrdpSim.Plan.Thresholds;

/// <summary>Every metric a threshold can name, with its tags; checks selectors while a plan is read.</summary>
/// <remarks>The names follow the Prometheus series (without the <c>trdpsim_</c> prefix and <c>_total</c>
/// suffix) so that a rule and a dashboard talk about the same thing. The table is the documentation's
/// source too (configs/README.md lists the same names).</remarks>
internal static class MetricCatalog
{
    private static readonly string[] PdTags = ["device", "telegram", "comId", "role"];
    private static readonly string[] PdOneRoleTags = ["device", "telegram", "comId"];
    private static readonly string[] MdTags = ["device", "telegram", "comId", "role"];
    private static readonly string[] MdOneRoleTags = ["device", "telegram", "comId"];
    private static readonly string[] DutTags = ["device", "telegram", "field"];

    /// <summary>Role tag values of PD telegram groups.</summary>
    public static readonly string[] PdRoles = ["publish", "subscribe", "pull"];

    /// <summary>Role tag values of MD groups.</summary>
    public static readonly string[] MdRoles = ["caller", "replier"];

    /// <summary>All metrics, in documentation order.</summary>
    public static readonly MetricDefinition[] All =
    [
        Pd("pd_sent", MetricKind.Counter, "PD telegrams sent (publications, pull replies)"),
        Pd("pd_received", MetricKind.Counter, "PD telegrams accepted by subscriptions"),
        Pd("pd_lost", MetricKind.Counter, "PD sequence gaps (telegrams that never arrived, also across a timeout)"),
        Pd("pd_loss_ratio", MetricKind.Ratio, "lost / (received + lost)") with { CountsText = "{0} of {1} lost" },
        Pd("pd_restarts", MetricKind.Counter, "accepted PD telegrams whose sequence counter went back (publisher restart)"),
        Pd("pd_sequence_jumps", MetricKind.Counter, "accepted PD telegrams whose counter ran further ahead than the elapsed time permits"),
        Pd("pd_duplicates", MetricKind.Counter, "PD telegrams repeating the last sequence number"),
        Pd("pd_out_of_order", MetricKind.Counter, "PD telegrams older than the last accepted one"),
        Pd("pd_timeouts", MetricKind.Counter, "subscription timeouts (once per silence); pulls: requests unanswered within the timeout"),
        Pd("pd_timed_out", MetricKind.Gauge, "subscription instances timed out now"),
        Pd("pd_dropped_cycles", MetricKind.Counter, "cycles skipped because a sender fell behind"),
        Pd("pd_send_failures", MetricKind.Counter, "PD sends refused by the socket"),
        Pd("pd_struck", MetricKind.Counter, "frames a publication prepared that a fault withheld"),
        Pd("pd_topo_rejects", MetricKind.Counter, "telegrams rejected by a subscription's topography filter"),
        Pd("pd_pull_requests", MetricKind.Counter, "pull requests sent (pull) or answered (publish)"),
        Pd("pd_pull_replies", MetricKind.Counter, "pull replies received within the pull's timeout"),
        Pd("pd_pull_late_replies", MetricKind.Counter, "pull replies received after their request's timeout"),
        Pd("pd_pull_unmatched_replies", MetricKind.Counter, "pull replies received with no request waiting or overdue"),
        Pd("pd_pull_duplicates", MetricKind.Counter, "pull requests ignored by a responder: same or older sequence counter"),
        Pd("pd_follower_cycles", MetricKind.Counter, "cycles a redundancy follower prepared and did not send"),
        Pd("pd_switchovers", MetricKind.Counter, "subscriptions with a redundant pair of sources: changes of the sending source"),
        new("pd_switchover_gap", MetricKind.Latency, MetricFamily.ProcessData, PdOneRoleTags, "gap from the old source's last telegram to the new source's first at a switchover"),
        new("pd_send_lateness", MetricKind.Latency, MetricFamily.ProcessData, PdOneRoleTags, "publication send lateness (actual - intended send time)"),
        new("pd_jitter", MetricKind.Latency, MetricFamily.ProcessData, PdOneRoleTags, "subscription inter-arrival jitter |interval - expected cycle|"),
        new("pull_rtt", MetricKind.Latency, MetricFamily.ProcessData, PdOneRoleTags, "pull request round trip"),
        Md("md_calls", MetricKind.Counter, "MD requests/notifications started by callers"),
        Md("md_ok", MetricKind.Counter, "MD transactions that got every expected reply"),
        Md("md_replies", MetricKind.Counter, "MD replies ('Mp'/'Mq') sent by repliers"),
        Md("md_requests", MetricKind.Counter, "MD requests accepted by repliers"),
        Md("md_timeouts", MetricKind.Counter, "MD transactions without a reply before the last timeout"),
        Md("md_timeout_ratio", MetricKind.Ratio, "MD timeouts / calls") with { CountsText = "{0} of {1} calls timed out" },
        Md("md_errors", MetricKind.Counter, "'Me' received by callers"),
        Md("md_errors_sent", MetricKind.Counter, "'Me' sent by repliers"),
        Md("md_retries", MetricKind.Counter, "MD retransmissions after a reply timeout"),
        Md("md_skipped", MetricKind.Counter, "MD calls skipped while max-outstanding were open"),
        Md("md_late_replies", MetricKind.Counter, "replies ('Mp'/'Mq'/'Me') callers received after their session ended"),
        Md("md_send_failures", MetricKind.Counter, "MD frames the socket or the TCP connection refused (the request never left)"),
        Md("md_outstanding", MetricKind.Gauge, "MD sessions open now"),
        new("md_rtt", MetricKind.Latency, MetricFamily.MessageData, MdOneRoleTags, "caller round trip from the intended send time"),
        new("md_reply_delay", MetricKind.Latency, MetricFamily.MessageData, MdOneRoleTags, "replier delay, request received to reply sent"),
        new("dut_stat_delta", MetricKind.Counter, MetricFamily.DutStatistics, DutTags, "rise of a polled DUT statistics field since the first reply (counters modulo 2^32, a DUT restart counted from 0)"),
        new("dut_stat_value", MetricKind.Gauge, MetricFamily.DutStatistics, DutTags, "latest value of a polled DUT statistics field"),
        new("rejects", MetricKind.Counter, MetricFamily.Rejects, ["reason"], "received datagrams dropped before a subscription"),
        new("rx_datagrams", MetricKind.Counter, MetricFamily.Engine, [], "datagrams received by all receive loops"),
        new("wheel_lateness", MetricKind.Latency, MetricFamily.Engine, [], "timing-wheel wake-up lateness"),
        new("engine_errors", MetricKind.Counter, MetricFamily.Engine, [], "errors caught inside the engine's threads"),
    ];

    /// <summary>The definition named <paramref name="name"/>, or <c>null</c>.</summary>
    public static MetricDefinition? Find(string name)
    {
        foreach (MetricDefinition metric in All)
        {
            if (metric.Name == name)
            {
                return metric;
            }
        }

        return null;
    }

    /// <summary>Every metric name, comma-separated (for "unknown metric" messages).</summary>
    public static string Names()
    {
        var names = new string[All.Length];
        for (int i = 0; i < All.Length; i++)
        {
            names[i] = All[i].Name;
        }

        return string.Join(", ", names);
    }

    /// <summary>Checks one tag filter of <paramref name="metric"/>; returns the problem, or <c>null</c>.</summary>
    public static string? CheckTag(MetricDefinition metric, string tag, string value)
    {
        if (Array.IndexOf(metric.Tags, tag) < 0)
        {
            return metric.Tags.Length == 0
                ? $"metric '{metric.Name}' has no tags"
                : $"unknown tag '{tag}' for '{metric.Name}' (valid: {string.Join(", ", metric.Tags)})";
        }

        switch (tag)
        {
            case "comId" when !uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _):
                return $"comId must be a non-negative integer, not '{value}'";
            case "role":
                string[] roles = metric.Family == MetricFamily.MessageData ? MdRoles : PdRoles;
                return Array.IndexOf(roles, value) < 0 ? $"unknown role '{value}' (valid: {string.Join(", ", roles)})" : null;
            case "field":
                return StatisticsFields.IndexOf(value) < 0 ? $"unknown statistics field '{value}' (valid: {StatisticsFields.Names()})" : null;
            case "reason":
                for (int r = 0; r < RejectReasons.Count; r++)
                {
                    if (RejectReasons.Label((RejectReason)r) == value)
                    {
                        return null;
                    }
                }

                var labels = new string[RejectReasons.Count];
                for (int r = 0; r < labels.Length; r++)
                {
                    labels[r] = RejectReasons.Label((RejectReason)r);
                }

                return $"unknown reason '{value}' (valid: {string.Join(", ", labels)})";
            default:
                return value.Length == 0 ? $"tag '{tag}' needs a value" : null;
        }
    }

    private static MetricDefinition Pd(string name, MetricKind kind, string description) =>
        new(name, kind, MetricFamily.ProcessData, PdTags, description);

    private static MetricDefinition Md(string name, MetricKind kind, string description) =>
        new(name, kind, MetricFamily.MessageData, MdTags, description);
}
