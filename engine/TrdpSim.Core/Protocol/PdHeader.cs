using System.Buffers.Binary;
using TrdpSim.Protocol.Internal;

namespace TrdpSim.Protocol;

/// <summary>
/// The decoded 40-byte PD header (trdp-wire.md §3). Plain mutable value with public fields so it can be
/// filled in place and passed by <c>in</c> reference without copies.
/// </summary>
/// <remarks>
/// <c>new PdHeader()</c> sets <see cref="ProtocolVersion"/> to 0x0100 and <see cref="MessageType"/> to
/// 'Pd'; <c>default(PdHeader)</c> leaves every field zero. All values are host-order numbers of the
/// big-endian wire fields, except <see cref="HeaderFcs"/> which is the CRC value (stored LE on the wire).
/// </remarks>
internal struct PdHeader : IFrameHeader<PdHeader>
{
    /// <summary>Offset 0: per-publication sequence counter; the first telegram carries 0.</summary>
    public uint SequenceCounter;

    /// <summary>Offset 4: protocol version, 0x0100; receivers check the high byte only.</summary>
    public ushort ProtocolVersion = PdFrame.CurrentProtocolVersion;

    /// <summary>Offset 6: Pd, Pp, Pr or Pe.</summary>
    public TrdpMessageType MessageType = TrdpMessageType.Pd;

    /// <summary>Offset 8: telegram identifier.</summary>
    public uint ComId;

    /// <summary>Offset 12: ETB topography counter (0 = don't care).</summary>
    public uint EtbTopoCount;

    /// <summary>Offset 16: operational-train topography counter (0 = don't care).</summary>
    public uint OpTrainTopoCount;

    /// <summary>Offset 20: unpadded dataset length, 0…1432.</summary>
    public uint DatasetLength;

    /// <summary>Offset 24: reserved, 0 when sent; ignored by receivers.</summary>
    public uint Reserved;

    /// <summary>Offset 28: in 'Pr', the ComId to send back (0 = same as <see cref="ComId"/>); else 0.</summary>
    public uint ReplyComId;

    /// <summary>Offset 32: in 'Pr', the IPv4 address for the 'Pp' as a host-order number (127.0.0.2 = 0x7F000002); else 0.</summary>
    public uint ReplyIpAddress;

    /// <summary>Offset 36: CRC-32 of bytes 0–35 as read by decode; ignored by the encoders, which compute it.</summary>
    public uint HeaderFcs;

    /// <summary>Creates a header with version 0x0100 and type 'Pd', everything else zero.</summary>
    public PdHeader()
    {
    }

    static int IFrameHeader<PdHeader>.Size => PdFrame.HeaderSize;

    static int IFrameHeader<PdHeader>.MaxDatasetLength => PdFrame.MaxDatasetLength;

    static bool IFrameHeader<PdHeader>.IsOwnType(TrdpMessageType messageType) => messageType.IsPd();

    readonly ushort IFrameHeader<PdHeader>.ProtocolVersion => ProtocolVersion;

    readonly TrdpMessageType IFrameHeader<PdHeader>.MessageType => MessageType;

    readonly uint IFrameHeader<PdHeader>.DatasetLength => DatasetLength;

    readonly uint IFrameHeader<PdHeader>.HeaderFcs => HeaderFcs;

    static void IFrameHeader<PdHeader>.Read(ReadOnlySpan<byte> source, out PdHeader header)
    {
        FrameRules.ReadCommonFields(source, out header.SequenceCounter, out header.ProtocolVersion, out header.MessageType,
            out header.ComId, out header.EtbTopoCount, out header.OpTrainTopoCount, out header.DatasetLength);
        header.Reserved = BinaryPrimitives.ReadUInt32BigEndian(source[24..]);
        header.ReplyComId = BinaryPrimitives.ReadUInt32BigEndian(source[28..]);
        header.ReplyIpAddress = BinaryPrimitives.ReadUInt32BigEndian(source[32..]);
        header.HeaderFcs = BinaryPrimitives.ReadUInt32LittleEndian(source[PdFrame.FcsOffset..]);
    }

    static void IFrameHeader<PdHeader>.Write(Span<byte> destination, in PdHeader header)
    {
        FrameRules.WriteCommonFields(destination, header.SequenceCounter, header.ProtocolVersion, header.MessageType,
            header.ComId, header.EtbTopoCount, header.OpTrainTopoCount, header.DatasetLength);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], header.Reserved);
        BinaryPrimitives.WriteUInt32BigEndian(destination[28..], header.ReplyComId);
        BinaryPrimitives.WriteUInt32BigEndian(destination[32..], header.ReplyIpAddress);
    }
}
