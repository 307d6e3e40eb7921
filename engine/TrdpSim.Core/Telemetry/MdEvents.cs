namespace TrdpSim.Telemetry;

/// <summary>The fixed set of MD outcome/event names: table columns, JSON keys and the Prometheus
/// <c>event</c> label (bounded cardinality).</summary>
internal static class MdEvents
{
    private const MdRole Caller = MdRole.Caller;
    private const MdRole Replier = MdRole.Replier;

    /// <summary>The events in display order.</summary>
    public static readonly SidedEvent<MdRole, MdCounters>[] All =
    [
        new("calls", Caller, c => c.Calls),
        new("ok", Caller, c => c.Ok),
        new("timeout", Caller, c => c.Timeouts),
        new("timeout_self", Caller, c => c.SelfTimeouts),
        new("not_all_replies", Caller, c => c.NotAllReplies),
        new("me_no_replier", Caller, c => c.ErrorNoReplier),
        new("me_no_memory", Caller, c => c.ErrorNoMemory),
        new("me_other", Caller, c => c.ErrorOther),
        new("retries", Caller, c => c.Retries),
        new("confirms_sent", Caller, c => c.ConfirmsSent),
        new("skipped", Caller, c => c.Skipped),
        new("replies_other_port", Caller, c => c.RepliesFromOtherPort),
        new("late_replies_received", Caller, c => c.LateRepliesReceived),
        new("requests", Replier, c => c.Requests),
        new("notifications", Replier, c => c.Notifications),
        new("replies", Replier, c => c.Replies),
        new("no_replies", Replier, c => c.NoReplies),
        new("errors_sent", Replier, c => c.ErrorsSent),
        new("session_limit_drops", Replier, c => c.SessionLimitDrops),
        new("late_replies", Replier, c => c.LateReplies),
        new("confirms_received", Replier, c => c.ConfirmsReceived),
        new("confirm_timeouts", Replier, c => c.ConfirmTimeouts),
        new("duplicates", Replier, c => c.Duplicates),
        new("replies_repeated", Replier, c => c.RepliesRepeated),
        new("redundant", Replier, c => c.Redundant),
        new("send_failures", null, c => c.SendFailures),
    ];

    /// <summary>Whether the event at <paramref name="index"/> can happen to a group of <paramref name="role"/>.</summary>
    public static bool AppliesTo(int index, MdRole role) => All[index].AppliesTo(role);
}
