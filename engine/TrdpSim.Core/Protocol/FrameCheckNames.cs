namespace TrdpSim.Protocol;

/// <summary>
/// Stable lowercase snake_case labels for <see cref="FrameCheck"/> values, for metric labels and logs.
/// </summary>
/// <remarks>These strings are part of the metrics contract: never rename one, only add.</remarks>
internal static class FrameCheckNames
{
    /// <summary>Label of <see cref="FrameCheck.Ok"/>.</summary>
    public const string Ok = "ok";

    /// <summary>Label of a value outside the enum (should not happen).</summary>
    public const string Unknown = "unknown";

    /// <summary>Every defined reason, in enum order (for pre-creating metric children).</summary>
    public static ReadOnlySpan<FrameCheck> All =>
    [
        FrameCheck.Ok, FrameCheck.TooShort, FrameCheck.TooLong, FrameCheck.BadFcs, FrameCheck.BadVersion,
        FrameCheck.WrongMessageType, FrameCheck.DatasetTooLong, FrameCheck.DatasetTruncated,
    ];

    /// <summary>The label of <paramref name="check"/>; allocation-free (returns literals).</summary>
    /// <remarks>A failed check is labelled as the <see cref="RejectReason"/> it is counted as
    /// (<see cref="RejectReasonMapping"/>), so a frame check and its reject share one label.</remarks>
    public static string Get(FrameCheck check) => check switch
    {
        FrameCheck.Ok => Ok,
        > FrameCheck.Ok and <= FrameCheck.DatasetTruncated => RejectReasons.Label(RejectReasonMapping.From(check)),
        _ => Unknown,
    };
}
