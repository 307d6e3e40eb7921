
namespace TrdpSim.Protocol;

/// <summary>Maps a protocol <see cref="FrameCheck"/> to the telemetry <see cref="RejectReason"/> it is counted as.</summary>
internal static class RejectReasonMapping
{
    public static RejectReason From(FrameCheck check) => check switch
    {
        FrameCheck.TooShort => RejectReason.TooShort,
        FrameCheck.TooLong => RejectReason.TooLong,
        FrameCheck.BadFcs => RejectReason.BadFcs,
        FrameCheck.BadVersion => RejectReason.BadVersion,
        FrameCheck.WrongMessageType => RejectReason.WrongMessageType,
        FrameCheck.DatasetTooLong => RejectReason.DatasetTooLong,
        _ => RejectReason.DatasetTruncated,
    };
}
