namespace TrdpSim.Protocol;

/// <summary>
/// The decoded 116-byte MD header (trdp-wire.md §4). Mutable value with public fields; pass by
/// <c>in</c> reference (it is ~120 bytes).
/// </summary>
/// <remarks>
/// <c>new MdHeader()</c> sets version 0x0100 and type 'Mn'; <c>default</c> is all zero. Numbers are
/// host-order values of the big-endian fields; <see cref="HeaderFcs"/> is the CRC value (LE on the wire).
/// </remarks>
internal struct MdHeader
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
}
