namespace TrdpSim.Telemetry;

/// <summary>The fixed set of MD outcome/event names: table columns, JSON keys and the Prometheus
/// <c>event</c> label (bounded cardinality).</summary>
public static class MdEvents
{
    /// <summary>(name, reader) pairs in display order.</summary>
    public static readonly (string Name, Func<MdCounters, long> Read)[] All =
    [
        ("calls", c => c.Calls),
        ("ok", c => c.Ok),
        ("timeout", c => c.Timeouts),
        ("not_all_replies", c => c.NotAllReplies),
        ("me_no_replier", c => c.ErrorNoReplier),
        ("me_no_memory", c => c.ErrorNoMemory),
        ("me_other", c => c.ErrorOther),
        ("retries", c => c.Retries),
        ("confirms_sent", c => c.ConfirmsSent),
        ("skipped", c => c.Skipped),
        ("replies_other_port", c => c.RepliesFromOtherPort),
        ("requests", c => c.Requests),
        ("notifications", c => c.Notifications),
        ("replies", c => c.Replies),
        ("no_replies", c => c.NoReplies),
        ("errors_sent", c => c.ErrorsSent),
        ("late_replies", c => c.LateReplies),
        ("confirms_received", c => c.ConfirmsReceived),
        ("confirm_timeouts", c => c.ConfirmTimeouts),
        ("duplicates", c => c.Duplicates),
        ("replies_repeated", c => c.RepliesRepeated),
        ("send_failures", c => c.SendFailures),
    ];
}
