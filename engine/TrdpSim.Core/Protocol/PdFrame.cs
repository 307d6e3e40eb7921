using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using TrdpSim.Protocol.Internal;

namespace TrdpSim.Protocol;

/// <summary>
/// Allocation-free codec for PD frames: 40-byte header ‖ dataset ‖ zero padding to a multiple of 4
/// (trdp-wire.md §2–§3, §6).
/// </summary>
/// <remarks>
/// Sending follows TCNopen: the header is written once per publication with <see cref="WriteHeader"/> or
/// <see cref="Encode"/>, and each cycle only <see cref="RewriteSequence"/> (or
/// <see cref="RewriteTypeAndSequence"/> for 'Pp') touches the counter and the FCS.
/// </remarks>
internal static class PdFrame
{
    /// <summary>PD header size in bytes.</summary>
    public const int HeaderSize = 40;

    /// <summary>Maximum dataset length (TRDP_MAX_PD_DATA_SIZE).</summary>
    public const int MaxDatasetLength = 1432;

    /// <summary>Maximum PD datagram: header + maximum dataset.</summary>
    public const int MaxFrameSize = HeaderSize + MaxDatasetLength;

    /// <summary>Protocol version written by this codec.</summary>
    public const ushort CurrentProtocolVersion = 0x0100;

    /// <summary>Offset of the FCS field (= number of bytes it covers).</summary>
    public const int FcsOffset = 36;

    /// <summary>Rounds <paramref name="datasetLength"/> up to the next multiple of 4 (the padded wire size).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PaddedLength(int datasetLength) => (datasetLength + 3) & ~3;

    /// <summary>Total frame length for a dataset of <paramref name="datasetLength"/> bytes (header + padded data).</summary>
    public static int FrameLength(int datasetLength) => HeaderSize + PaddedLength(datasetLength);

    /// <summary>
    /// Validates and decodes a received PD datagram. Checks, in this order: size 40…1472
    /// (<see cref="FrameCheck.TooShort"/>/<see cref="FrameCheck.TooLong"/>), header FCS, version high byte
    /// 0x01, msgType ∈ {Pd, Pp, Pr, Pe}, datasetLength ≤ 1432, and datagram length ≥ 40 + datasetLength.
    /// </summary>
    /// <remarks>
    /// <para><paramref name="header"/> is filled whenever the datagram holds at least 40 bytes, even when
    /// the result is not <see cref="FrameCheck.Ok"/> (for diagnostics); trust it only on Ok.</para>
    /// <para>Deliberately stricter than TCNopen: TCNopen does not compare the datagram length with
    /// datasetLength and delivers stale buffer bytes for a short frame (pd-receiver-checks frame 22); we
    /// reject it as <see cref="FrameCheck.DatasetTruncated"/>. Like TCNopen, missing padding is accepted
    /// (frame 12), 'Pe' is accepted, and reserved/reply fields are not checked.</para>
    /// </remarks>
    public static FrameCheck TryDecode(ReadOnlySpan<byte> datagram, out PdHeader header)
    {
        if (datagram.Length < HeaderSize)
        {
            header = default;
            return FrameCheck.TooShort;
        }

        ReadHeader(datagram, out header);
        return FrameRules.Check(datagram, HeaderSize, MaxFrameSize, header.HeaderFcs, header.ProtocolVersion,
            header.MessageType.IsPd(), header.DatasetLength, MaxDatasetLength);
    }

    /// <summary>Reads the 40 header bytes into <paramref name="header"/> without any validation.</summary>
    public static void ReadHeader(ReadOnlySpan<byte> source, out PdHeader header)
    {
        source = source[..HeaderSize];
        FrameRules.ReadCommonFields(source, out header.SequenceCounter, out header.ProtocolVersion, out header.MessageType,
            out header.ComId, out header.EtbTopoCount, out header.OpTrainTopoCount, out header.DatasetLength);
        header.Reserved = BinaryPrimitives.ReadUInt32BigEndian(source[24..]);
        header.ReplyComId = BinaryPrimitives.ReadUInt32BigEndian(source[28..]);
        header.ReplyIpAddress = BinaryPrimitives.ReadUInt32BigEndian(source[32..]);
        header.HeaderFcs = BinaryPrimitives.ReadUInt32LittleEndian(source[FcsOffset..]);
    }

    /// <summary>
    /// Writes the 40-byte header exactly as given (including <see cref="PdHeader.DatasetLength"/>), computes
    /// the FCS and stores it little-endian at offset 36. Returns the FCS. <see cref="PdHeader.HeaderFcs"/> is ignored.
    /// </summary>
    public static uint WriteHeader(Span<byte> destination, in PdHeader header)
    {
        if (destination.Length < HeaderSize)
        {
            ProtocolThrow.DestinationTooSmall(HeaderSize, destination.Length);
        }

        destination = destination[..HeaderSize];
        FrameRules.WriteCommonFields(destination, header.SequenceCounter, header.ProtocolVersion, header.MessageType,
            header.ComId, header.EtbTopoCount, header.OpTrainTopoCount, header.DatasetLength);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], header.Reserved);
        BinaryPrimitives.WriteUInt32BigEndian(destination[28..], header.ReplyComId);
        BinaryPrimitives.WriteUInt32BigEndian(destination[32..], header.ReplyIpAddress);
        return HeaderFcs.Write(destination);
    }

    /// <summary>
    /// Writes a complete frame: header (with datasetLength = <paramref name="dataset"/>.Length, FCS
    /// computed), the dataset and 0–3 zero pad bytes. Returns the frame length (40 + padded length).
    /// </summary>
    /// <exception cref="ArgumentException">Destination too small or dataset longer than 1432 bytes (caller bugs).</exception>
    public static int Encode(Span<byte> destination, in PdHeader header, ReadOnlySpan<byte> dataset)
    {
        int total = FrameRules.FrameLengthFor(destination, HeaderSize, MaxDatasetLength, dataset.Length);
        PdHeader copy = header;
        copy.DatasetLength = (uint)dataset.Length;
        WriteHeader(destination, in copy);
        FrameRules.WriteBody(destination, HeaderSize, dataset, total);
        return total;
    }

    /// <summary>
    /// Per-cycle hot path: rewrites only the sequence counter (offset 0) and the FCS of an already
    /// encoded frame. Returns the new FCS.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint RewriteSequence(Span<byte> frame, uint sequenceCounter) =>
        FrameRules.RewriteSequence(frame, HeaderSize, sequenceCounter);

    /// <summary>
    /// Rewrites msgType and sequence counter and the FCS of an encoded frame, e.g. to send a publication
    /// as 'Pp' with its separate pull counter. Returns the new FCS.
    /// </summary>
    public static uint RewriteTypeAndSequence(Span<byte> frame, TrdpMessageType messageType, uint sequenceCounter)
    {
        if (frame.Length < HeaderSize)
        {
            ProtocolThrow.FrameTooShort(frame.Length, HeaderSize);
        }

        BinaryPrimitives.WriteUInt16BigEndian(frame[6..], (ushort)messageType);
        return FrameRules.RewriteSequence(frame, HeaderSize, sequenceCounter);
    }
}
