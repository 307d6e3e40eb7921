namespace TrdpSim.Protocol;

/// <summary>
/// Stable lowercase snake_case labels for <see cref="FrameCheck"/> values, for metric labels and logs.
/// </summary>
/// <remarks>These strings are part of the metrics contract: never rename one, only add.</remarks>
internal static class FrameCheckNames
{
    /// <summary>Label of <see cref="FrameCheck.Ok"/>.</summary>
    public const string Ok = "ok";

    /// <summary>Label of <see cref="FrameCheck.TooShort"/>.</summary>
    public const string TooShort = "too_short";

    /// <summary>Label of <see cref="FrameCheck.TooLong"/>.</summary>
    public const string TooLong = "too_long";

    /// <summary>Label of <see cref="FrameCheck.BadFcs"/>.</summary>
    public const string BadFcs = "bad_fcs";

    /// <summary>Label of <see cref="FrameCheck.BadVersion"/>.</summary>
    public const string BadVersion = "bad_version";

    /// <summary>Label of <see cref="FrameCheck.WrongMessageType"/>.</summary>
    public const string WrongMessageType = "wrong_message_type";

    /// <summary>Label of <see cref="FrameCheck.DatasetTooLong"/>.</summary>
    public const string DatasetTooLong = "dataset_too_long";

    /// <summary>Label of <see cref="FrameCheck.DatasetTruncated"/>.</summary>
    public const string DatasetTruncated = "dataset_truncated";

    /// <summary>Label of a value outside the enum (should not happen).</summary>
    public const string Unknown = "unknown";

    /// <summary>Every defined reason, in enum order (for pre-creating metric children).</summary>
    public static ReadOnlySpan<FrameCheck> All =>
    [
        FrameCheck.Ok, FrameCheck.TooShort, FrameCheck.TooLong, FrameCheck.BadFcs, FrameCheck.BadVersion,
        FrameCheck.WrongMessageType, FrameCheck.DatasetTooLong, FrameCheck.DatasetTruncated,
    ];

    /// <summary>The label of <paramref name="check"/>; allocation-free (returns literals).</summary>
    public static string Get(FrameCheck check) => check switch
    {
        FrameCheck.Ok => Ok,
        FrameCheck.TooShort => TooShort,
        FrameCheck.TooLong => TooLong,
        FrameCheck.BadFcs => BadFcs,
        FrameCheck.BadVersion => BadVersion,
        FrameCheck.WrongMessageType => WrongMessageType,
        FrameCheck.DatasetTooLong => DatasetTooLong,
        FrameCheck.DatasetTruncated => DatasetTruncated,
        _ => Unknown,
    };
}
