namespace TrdpSim.Devices.Md;

/// <summary>What a script decided for one request.</summary>
internal sealed class ScriptedReply
{
    /// <summary>Answer as the plan says (the script returned nothing, or failed).</summary>
    public static ScriptedReply Planned { get; } = new();

    /// <summary>Reply payload; null = the replier's planned payload.</summary>
    public byte[]? Payload { get; init; }

    /// <summary>User status for the reply; null = the planned one.</summary>
    public int? UserStatus { get; init; }

    /// <summary>Send an 'Me' with this (negative) status instead of a reply.</summary>
    public int? ErrorStatus { get; init; }

    /// <summary>Do not answer at all.</summary>
    public bool NoReply { get; init; }

    /// <summary>Answer no earlier than this long after the request arrived; null = the planned delay.</summary>
    public long? DelayNanoseconds { get; init; }
}
