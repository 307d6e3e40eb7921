using System.Buffers.Binary;
using TrdpSim.Protocol.Internal;

namespace TrdpSim.Protocol;

/// <summary>
/// Allocation-free codec for MD frames: 116-byte header ‖ dataset ‖ zero padding to a multiple of 4
/// (trdp-wire.md §2, §4, §6). The same bytes are used on UDP and, without a length prefix, on TCP.
/// </summary>
internal static class MdFrame
{
    /// <summary>MD header size in bytes.</summary>
    public const int HeaderSize = 116;

    /// <summary>Maximum dataset length (TRDP_MAX_MD_DATA_SIZE).</summary>
    public const int MaxDatasetLength = 65388;

    /// <summary>Maximum MD frame: header + maximum dataset.</summary>
    public const int MaxFrameSize = HeaderSize + MaxDatasetLength;

    /// <summary>Protocol version written by this codec.</summary>
    public const ushort CurrentProtocolVersion = 0x0100;

    /// <summary>Offset of the FCS field (= number of bytes it covers).</summary>
    public const int FcsOffset = 112;

    /// <summary>Rounds a dataset length up to a multiple of 4.</summary>
    public static int PaddedLength(int datasetLength) => PdFrame.PaddedLength(datasetLength);

    /// <summary>Total frame length for a dataset of <paramref name="datasetLength"/> bytes (header + padded data).</summary>
    public static int FrameLength(int datasetLength) => HeaderSize + PaddedLength(datasetLength);

    /// <summary>
    /// Validates and decodes an MD frame. Checks, in this order: size 116…65504, header FCS, version high
    /// byte 0x01, msgType ∈ {Mn, Mr, Mp, Mq, Mc, Me}, datasetLength ≤ 65388, and frame length ≥ 116 +
    /// datasetLength.
    /// </summary>
    /// <remarks>
    /// <para><paramref name="header"/> is filled whenever at least 116 bytes are present, whatever the result.</para>
    /// <para>Stricter than TCNopen on UDP, which answers an 'Mr' announcing more data than the datagram holds
    /// (md-replier-checks frames 8–9); we report <see cref="FrameCheck.DatasetTruncated"/>. Missing padding
    /// is accepted. For TCP stream framing use <see cref="FrameLength"/> of the decoded datasetLength.</para>
    /// </remarks>
    public static FrameCheck TryDecode(ReadOnlySpan<byte> frame, out MdHeader header)
    {
        if (frame.Length < HeaderSize)
        {
            header = default;
            return FrameCheck.TooShort;
        }

        ReadHeader(frame, out header);
        return FrameRules.Check(frame, HeaderSize, MaxFrameSize, header.HeaderFcs, header.ProtocolVersion,
            header.MessageType.IsMd(), header.DatasetLength, MaxDatasetLength);
    }

    /// <summary>Reads the 116 header bytes without any validation.</summary>
    public static void ReadHeader(ReadOnlySpan<byte> source, out MdHeader header)
    {
        source = source[..HeaderSize];
        FrameRules.ReadCommonFields(source, out header.SequenceCounter, out header.ProtocolVersion, out header.MessageType,
            out header.ComId, out header.EtbTopoCount, out header.OpTrainTopoCount, out header.DatasetLength);
        header.ReplyStatus = BinaryPrimitives.ReadInt32BigEndian(source[24..]);
        header.SessionId = SessionId.FromBytes(source[28..]);
        header.ReplyTimeoutMicros = BinaryPrimitives.ReadUInt32BigEndian(source[44..]);
        header.SourceUri = TrdpUri.FromBytes(source[48..]);
        header.DestinationUri = TrdpUri.FromBytes(source[80..]);
        header.HeaderFcs = BinaryPrimitives.ReadUInt32LittleEndian(source[FcsOffset..]);
    }

    /// <summary>
    /// Writes the 116-byte header as given (including <see cref="MdHeader.DatasetLength"/>), computes the
    /// FCS and stores it little-endian at offset 112. Returns the FCS.
    /// </summary>
    public static uint WriteHeader(Span<byte> destination, in MdHeader header)
    {
        if (destination.Length < HeaderSize)
        {
            ProtocolThrow.DestinationTooSmall(HeaderSize, destination.Length);
        }

        destination = destination[..HeaderSize];
        FrameRules.WriteCommonFields(destination, header.SequenceCounter, header.ProtocolVersion, header.MessageType,
            header.ComId, header.EtbTopoCount, header.OpTrainTopoCount, header.DatasetLength);
        BinaryPrimitives.WriteInt32BigEndian(destination[24..], header.ReplyStatus);
        header.SessionId.CopyTo(destination[28..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination[44..], header.ReplyTimeoutMicros);
        header.SourceUri.CopyTo(destination[48..]);
        header.DestinationUri.CopyTo(destination[80..]);
        return HeaderFcs.Write(destination);
    }

    /// <summary>
    /// Writes a complete frame (header with datasetLength = <paramref name="dataset"/>.Length, data, zero
    /// padding). Returns the frame length.
    /// </summary>
    /// <exception cref="ArgumentException">Destination too small or dataset longer than 65388 bytes.</exception>
    public static int Encode(Span<byte> destination, in MdHeader header, ReadOnlySpan<byte> dataset)
    {
        int total = FrameRules.FrameLengthFor(destination, HeaderSize, MaxDatasetLength, dataset.Length);
        MdHeader copy = header;
        copy.DatasetLength = (uint)dataset.Length;
        WriteHeader(destination, in copy);
        FrameRules.WriteBody(destination, HeaderSize, dataset, total);
        return total;
    }

    /// <summary>Rewrites the sequence counter and FCS of an encoded frame (MD retransmission: same request, seq + 1).</summary>
    public static uint RewriteSequence(Span<byte> frame, uint sequenceCounter) =>
        FrameRules.RewriteSequence(frame, HeaderSize, sequenceCounter);
}
