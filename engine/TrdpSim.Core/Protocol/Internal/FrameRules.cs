using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace TrdpSim.Protocol.Internal;

/// <summary>The header prefix and body layout that PD and MD frames share (trdp-wire.md §2, §3, §4), for
/// <see cref="TrdpFrame{THeader}"/> and the header types.</summary>
internal static class FrameRules
{
    /// <summary>Bytes at the start of the header that PD and MD lay out alike.</summary>
    public const int CommonFieldsSize = 24;

    /// <summary>Offsets of the common fields that the encoder and the type rewrite write on their own.</summary>
    public const int ProtocolVersionOffset = 4;

    public const int MessageTypeOffset = 6;

    public const int DatasetLengthOffset = 20;
    /// <summary>Checks a frame whose header was read already: size limit, FCS, version high byte,
    /// message class, datasetLength limit, and that the datagram holds the whole dataset.</summary>
    public static FrameCheck Check(ReadOnlySpan<byte> frame, int headerSize, int maxFrameSize, uint storedFcs, ushort version,
        bool expectedType, uint datasetLength, int maxDatasetLength)
    {
        if (frame.Length > maxFrameSize)
        {
            return FrameCheck.TooLong;
        }

        if (HeaderFcs.Compute(frame[..(headerSize - HeaderFcs.Size)]) != storedFcs)
        {
            return FrameCheck.BadFcs;
        }

        if ((version & 0xFF00) != (PdFrame.CurrentProtocolVersion & 0xFF00))
        {
            return FrameCheck.BadVersion;
        }

        if (!expectedType)
        {
            return FrameCheck.WrongMessageType;
        }

        if (datasetLength > (uint)maxDatasetLength)
        {
            return FrameCheck.DatasetTooLong;
        }

        return frame.Length - headerSize < (int)datasetLength ? FrameCheck.DatasetTruncated : FrameCheck.Ok;
    }

    /// <summary>Checks that a dataset fits the protocol limit and the destination; returns the frame length.</summary>
    public static int FrameLengthFor(Span<byte> destination, int headerSize, int maxDatasetLength, int datasetLength)
    {
        if (datasetLength > maxDatasetLength)
        {
            ProtocolThrow.DatasetTooLong(datasetLength, maxDatasetLength);
        }

        var total = headerSize + PdFrame.PaddedLength(datasetLength);
        if (destination.Length < total)
        {
            ProtocolThrow.DestinationTooSmall(total, destination.Length);
        }

        return total;
    }

    /// <summary>Writes the dataset after the header and zero-fills the padding up to <paramref name="total"/>.</summary>
    public static void WriteBody(Span<byte> destination, int headerSize, ReadOnlySpan<byte> dataset, int total)
    {
        dataset.CopyTo(destination[headerSize..]);
        destination[(headerSize + dataset.Length)..total].Clear();
    }

    /// <summary>Reads the 24 bytes every PD and MD header begins with, in the same order (trdp-wire.md §3, §4):
    /// sequence counter, protocol version, message type, ComId, the two topography counters and the dataset length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ReadCommonFields(ReadOnlySpan<byte> source, out uint sequenceCounter, out ushort protocolVersion,
        out TrdpMessageType messageType, out uint comId, out uint etbTopoCount, out uint opTrainTopoCount, out uint datasetLength)
    {
        source = source[..CommonFieldsSize];
        sequenceCounter = BinaryPrimitives.ReadUInt32BigEndian(source);
        protocolVersion = BinaryPrimitives.ReadUInt16BigEndian(source[ProtocolVersionOffset..]);
        messageType = (TrdpMessageType)BinaryPrimitives.ReadUInt16BigEndian(source[MessageTypeOffset..]);
        comId = BinaryPrimitives.ReadUInt32BigEndian(source[8..]);
        etbTopoCount = BinaryPrimitives.ReadUInt32BigEndian(source[12..]);
        opTrainTopoCount = BinaryPrimitives.ReadUInt32BigEndian(source[16..]);
        datasetLength = BinaryPrimitives.ReadUInt32BigEndian(source[DatasetLengthOffset..]);
    }

    /// <summary>Writes the 24 bytes every PD and MD header begins with (see <see cref="ReadCommonFields"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void WriteCommonFields(Span<byte> destination, uint sequenceCounter, ushort protocolVersion,
        TrdpMessageType messageType, uint comId, uint etbTopoCount, uint opTrainTopoCount, uint datasetLength)
    {
        destination = destination[..CommonFieldsSize];
        BinaryPrimitives.WriteUInt32BigEndian(destination, sequenceCounter);
        BinaryPrimitives.WriteUInt16BigEndian(destination[ProtocolVersionOffset..], protocolVersion);
        BinaryPrimitives.WriteUInt16BigEndian(destination[MessageTypeOffset..], (ushort)messageType);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], comId);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], etbTopoCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], opTrainTopoCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[DatasetLengthOffset..], datasetLength);
    }

    /// <summary>Per-send rewrite of an encoded frame: the sequence counter at offset 0 and the FCS over the
    /// <paramref name="headerSize"/>-byte header. Returns the new FCS.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint RewriteSequence(Span<byte> frame, int headerSize, uint sequenceCounter)
    {
        if (frame.Length < headerSize)
        {
            ProtocolThrow.FrameTooShort(frame.Length, headerSize);
        }

        BinaryPrimitives.WriteUInt32BigEndian(frame, sequenceCounter);
        return HeaderFcs.Write(frame[..headerSize]);
    }
}
