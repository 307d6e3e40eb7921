namespace TrdpSim.Protocol;

/// <summary>
/// Result of validating a received TRDP datagram: <see cref="Ok"/> or the first rejection reason
/// found, in the check order of <see cref="TrdpFrame{THeader}.TryDecode"/> (PD and MD alike).
/// </summary>
/// <remarks>Stable labels for metrics are in <see cref="FrameCheckNames"/>; append new values at the end.</remarks>
public enum FrameCheck : byte
{
    /// <summary>The frame passed every check.</summary>
    Ok = 0,

    /// <summary>Datagram shorter than the header (40 PD / 116 MD bytes).</summary>
    TooShort,

    /// <summary>Datagram longer than the maximum frame (1472 PD / 65504 MD bytes).</summary>
    TooLong,

    /// <summary>Header FCS (CRC-32, little-endian) does not match the header bytes.</summary>
    BadFcs,

    /// <summary>Protocol version high byte is not 0x01.</summary>
    BadVersion,

    /// <summary>msgType unknown, or a valid type of the other class (e.g. an M-type on a PD socket).</summary>
    WrongMessageType,

    /// <summary>datasetLength above 1432 (PD) / 65388 (MD).</summary>
    DatasetTooLong,

    /// <summary>Datagram shorter than header + datasetLength (strict check; TCNopen does not make it).</summary>
    DatasetTruncated,
}
