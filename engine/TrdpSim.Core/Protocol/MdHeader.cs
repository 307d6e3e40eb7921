using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using TrdpSim.Protocol.Internal;

namespace TrdpSim.Protocol;

/// <summary>
/// The decoded 116-byte MD header (trdp-wire.md §4). Mutable value with public fields; pass by
/// <c>in</c> reference (it is ~120 bytes).
/// </summary>
/// <remarks>
/// <c>new MdHeader()</c> sets version 0x0100 and type 'Mn'; <c>default</c> is all zero. Numbers are
/// host-order values of the big-endian fields; <see cref="HeaderFcs"/> is the CRC value (LE on the wire).
/// </remarks>
internal struct MdHeader : IFrameHeader<MdHeader>
{
    /// <summary>Offset 0: 0 for a new request, +1 per retransmission; replies copy it; Mc/Me carry 0.</summary>
    public uint SequenceCounter;

    /// <summary>Offset 4: 0x0100 (high byte checked).</summary>
    public ushort ProtocolVersion = MdFrame.CurrentProtocolVersion;

    /// <summary>Offset 6: Mn, Mr, Mp, Mq, Mc or Me.</summary>
    public TrdpMessageType MessageType = TrdpMessageType.Mn;

    /// <summary>Offset 8: ComId (0 in Mc and Me).</summary>
    public uint ComId;

    /// <summary>Offset 12: ETB topography counter.</summary>
    public uint EtbTopoCount;

    /// <summary>Offset 16: operational-train topography counter.</summary>
    public uint OpTrainTopoCount;

    /// <summary>Offset 20: unpadded dataset length, 0…65388.</summary>
    public uint DatasetLength;

    /// <summary>Offset 24: signed reply status (user status ≥ 0 in Mp/Mq/Mc, error &lt; 0 in Me); see <see cref="Protocol.ReplyStatus"/>.</summary>
    public int ReplyStatus;

    /// <summary>Offset 28: 16-byte session UUID (all zero in Mn).</summary>
    public SessionId SessionId;

    /// <summary>Offset 44: Mr reply timeout / Mq confirm timeout in µs (0 = infinite in Mr); 0 otherwise.</summary>
    public uint ReplyTimeoutMicros;

    /// <summary>Offset 48: source URI user part.</summary>
    public TrdpUri SourceUri;

    /// <summary>Offset 80: destination URI user part.</summary>
    public TrdpUri DestinationUri;

    /// <summary>Offset 112: CRC-32 of bytes 0–111 as read by decode; ignored by the encoders.</summary>
    public uint HeaderFcs;

    /// <summary>Creates a header with version 0x0100 and type 'Mn', everything else zero.</summary>
    public MdHeader()
    {
    }

    static int IFrameHeader<MdHeader>.Size => MdFrame.HeaderSize;

    static int IFrameHeader<MdHeader>.MaxDatasetLength => MdFrame.MaxDatasetLength;

    static bool IFrameHeader<MdHeader>.IsOwnType(TrdpMessageType messageType) => messageType.IsMd();

    readonly ushort IFrameHeader<MdHeader>.ProtocolVersion => ProtocolVersion;

    readonly TrdpMessageType IFrameHeader<MdHeader>.MessageType => MessageType;

    readonly uint IFrameHeader<MdHeader>.DatasetLength => DatasetLength;

    readonly uint IFrameHeader<MdHeader>.HeaderFcs => HeaderFcs;

    /// <remarks>Out of line on purpose: inlined into <see cref="TrdpFrame{THeader}.TryDecode"/> together with its
    /// 32-byte URI copies, it made an MD decode take 26 instead of 16 ns (<c>MdFrameBenchmarks.MdDecode</c>).</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static void IFrameHeader<MdHeader>.Read(ReadOnlySpan<byte> source, out MdHeader header)
    {
        FrameRules.ReadCommonFields(source, out header.SequenceCounter, out header.ProtocolVersion, out header.MessageType,
            out header.ComId, out header.EtbTopoCount, out header.OpTrainTopoCount, out header.DatasetLength);
        header.ReplyStatus = BinaryPrimitives.ReadInt32BigEndian(source[24..]);
        header.SessionId = SessionId.FromBytes(source[28..]);
        header.ReplyTimeoutMicros = BinaryPrimitives.ReadUInt32BigEndian(source[44..]);
        header.SourceUri = TrdpUri.FromBytes(source[48..]);
        header.DestinationUri = TrdpUri.FromBytes(source[80..]);
        header.HeaderFcs = BinaryPrimitives.ReadUInt32LittleEndian(source[MdFrame.FcsOffset..]);
    }

    static void IFrameHeader<MdHeader>.Write(Span<byte> destination, in MdHeader header)
    {
        FrameRules.WriteCommonFields(destination, header.SequenceCounter, header.ProtocolVersion, header.MessageType,
            header.ComId, header.EtbTopoCount, header.OpTrainTopoCount, header.DatasetLength);
        BinaryPrimitives.WriteInt32BigEndian(destination[24..], header.ReplyStatus);
        header.SessionId.CopyTo(destination[28..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination[44..], header.ReplyTimeoutMicros);
        header.SourceUri.CopyTo(destination[48..]);
        header.DestinationUri.CopyTo(destination[80..]);
    }
}
