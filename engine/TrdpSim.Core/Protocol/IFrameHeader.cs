namespace TrdpSim.Protocol;

/// <summary>What <see cref="TrdpFrame{THeader}"/> needs of a header type: its size, its dataset limit, the message
/// types it carries, its field layout and the fields the frame checks read.</summary>
/// <remarks>Implemented by the header structs, whose static and instance members the codec calls through its
/// type parameter: it is compiled once per header type, with no virtual call on the per-telegram receive and send
/// paths.</remarks>
internal interface IFrameHeader<THeader>
    where THeader : struct, IFrameHeader<THeader>
{
    /// <summary>Header size in bytes; its last four bytes are the FCS.</summary>
    static abstract int Size { get; }

    /// <summary>The largest dataset a frame with this header may carry.</summary>
    static abstract int MaxDatasetLength { get; }

    /// <summary>Whether <paramref name="messageType"/> belongs on this header's sockets.</summary>
    static abstract bool IsOwnType(TrdpMessageType messageType);

    /// <summary>Offset 4: the protocol version.</summary>
    ushort ProtocolVersion { get; }

    /// <summary>Offset 6: the message type.</summary>
    TrdpMessageType MessageType { get; }

    /// <summary>Offset 20: the unpadded dataset length.</summary>
    uint DatasetLength { get; }

    /// <summary>The FCS as read by decode.</summary>
    uint HeaderFcs { get; }

    /// <summary>Reads every field, the FCS included, from exactly <see cref="Size"/> bytes, without validation.</summary>
    static abstract void Read(ReadOnlySpan<byte> source, out THeader header);

    /// <summary>Writes every field but the FCS into exactly <see cref="Size"/> bytes.</summary>
    static abstract void Write(Span<byte> destination, in THeader header);
}
