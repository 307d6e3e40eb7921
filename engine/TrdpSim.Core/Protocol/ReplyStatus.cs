namespace TrdpSim.Protocol;

/// <summary>
/// Values of the signed MD <c>replyStatus</c> field (TRDP_REPLY_STATUS_T, trdp-wire.md §8.8).
/// Values ≥ 0 are application user status; negative values are errors, of which only
/// <see cref="NoReplier"/> and <see cref="NoMemoryAtReplier"/> are ever sent on the wire (in 'Me').
/// </summary>
internal static class ReplyStatus
{
    /// <summary>0: OK / user status 0.</summary>
    public const int Ok = 0;

    /// <summary>-1: reserved.</summary>
    public const int Reserved1 = -1;

    /// <summary>-2: session aborted (local only).</summary>
    public const int SessionAbort = -2;

    /// <summary>-3: no replier instance (no listener); sent as 'Me' for a unicast 'Mr'.</summary>
    public const int NoReplier = -3;

    /// <summary>-4: no memory at replier (too many sessions); sent as 'Me'.</summary>
    public const int NoMemoryAtReplier = -4;

    /// <summary>-5: no memory locally (local only).</summary>
    public const int NoMemoryLocal = -5;

    /// <summary>-6: no reply received before the reply timeout (local only).</summary>
    public const int NoReply = -6;

    /// <summary>-7: not all expected replies received (local only).</summary>
    public const int NotAllReplies = -7;

    /// <summary>-8: no confirmation received (local only).</summary>
    public const int NoConfirm = -8;

    /// <summary>-9: reserved.</summary>
    public const int Reserved2 = -9;

    /// <summary>-10: sending failed (local only).</summary>
    public const int SendFailed = -10;

    /// <summary>-99: unspecified error (local only).</summary>
    public const int Unspecified = -99;

    /// <summary>A stable snake_case name for a status (e.g. for logs); "user_status" for values &gt; 0.</summary>
    public static string GetName(int status) => status switch
    {
        Ok => "ok",
        > 0 => "user_status",
        Reserved1 or Reserved2 => "reserved",
        SessionAbort => "session_abort",
        NoReplier => "no_replier",
        NoMemoryAtReplier => "no_memory_at_replier",
        NoMemoryLocal => "no_memory_local",
        NoReply => "no_reply",
        NotAllReplies => "not_all_replies",
        NoConfirm => "no_confirm",
        SendFailed => "send_failed",
        Unspecified => "unspecified",
        _ => "unknown",
    };
}
