namespace TrdpSim.Telemetry;

/// <summary>The fixed set of MD outcome/event names: table columns, JSON keys and the Prometheus
/// <c>event</c> label (bounded cardinality).</summary>
internal static class MdEvents
{
    private const MdRole Caller = MdRole.Caller;
    private const MdRole Replier = MdRole.Replier;

    /// <summary>(name, role it applies to — null for both, reader) in display order.</summary>
    public static readonly (string Name, MdRole? Role, Func<MdCounters, long> Read)[] All =
    [
        ("calls", Caller, c => c.Calls),
        ("ok", Caller, c => c.Ok),
        ("timeout", Caller, c => c.Timeouts),
        ("timeout_self", Caller, c => c.SelfTimeouts),
        ("not_all_replies", Caller, c => c.NotAllReplies),
        ("me_no_replier", Caller, c => c.ErrorNoReplier),
        ("me_no_memory", Caller, c => c.ErrorNoMemory),
        ("me_other", Caller, c => c.ErrorOther),
        ("retries", Caller, c => c.Retries),
        ("confirms_sent", Caller, c => c.ConfirmsSent),
        ("skipped", Caller, c => c.Skipped),
        ("replies_other_port", Caller, c => c.RepliesFromOtherPort),
        ("late_replies_received", Caller, c => c.LateRepliesReceived),
        ("requests", Replier, c => c.Requests),
        ("notifications", Replier, c => c.Notifications),
        ("replies", Replier, c => c.Replies),
        ("no_replies", Replier, c => c.NoReplies),
        ("errors_sent", Replier, c => c.ErrorsSent),
        ("session_limit_drops", Replier, c => c.SessionLimitDrops),
        ("late_replies", Replier, c => c.LateReplies),
        ("confirms_received", Replier, c => c.ConfirmsReceived),
        ("confirm_timeouts", Replier, c => c.ConfirmTimeouts),
        ("duplicates", Replier, c => c.Duplicates),
        ("replies_repeated", Replier, c => c.RepliesRepeated),
        ("redundant", Replier, c => c.Redundant),
        ("send_failures", null, c => c.SendFailures),
    ];

    /// <summary>Whether the event at <paramref name="index"/> can happen to a group of <paramref name="role"/>.</summary>
    public static bool AppliesTo(int index, MdRole role) => All[index].Role is not { } only || only == role;
}
