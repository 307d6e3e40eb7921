namespace TrdpSim.Protocol;

/// <summary>Why a received datagram was dropped before reaching a subscription.</summary>
/// <remarks>The first seven mirror the protocol validation order (size, FCS, version, type, length);
/// the rest come from dispatch. Labels are stable: they are Prometheus label values.</remarks>
public enum RejectReason
{
    TooShort,
    TooLong,
    BadFcs,
    BadVersion,
    WrongMessageType,
    DatasetTooLong,
    DatasetTruncated,

    /// <summary>Non-zero topography counters that differ from the device's own (trdp-wire.md §7.6).</summary>
    TopoMismatch,

    /// <summary>No subscription for the ComId / source / destination.</summary>
    NoSubscription,

    /// <summary>A 'Pr' for which no publication with valid data could answer.</summary>
    NoPublication,
}

/// <summary>Stable labels for <see cref="RejectReason"/>.</summary>
internal static class RejectReasons
{
    /// <summary>Number of reasons (array size for counters).</summary>
    public const int Count = (int)RejectReason.NoPublication + 1;

    private static readonly string[] Labels =
    [
        "too_short", "too_long", "bad_fcs", "bad_version", "wrong_message_type", "dataset_too_long",
        "dataset_truncated", "topo_mismatch", "no_subscription", "no_publication",
    ];

    /// <summary>The snake_case label of a reason.</summary>
    public static string Label(RejectReason reason) => Labels[(int)reason];
}
