namespace TrdpSim.Recording.Captures;

/// <summary>One packet record of a capture file: as captured, before any protocol is decoded.</summary>
/// <remarks>A ref struct: <see cref="Data"/> points into the reader's buffer and is valid until its next read.</remarks>
public readonly ref struct CapturedFrame
{
    public CapturedFrame(int number, long unixNanoseconds, int linkType, ReadOnlySpan<byte> data, int originalLength,
        PacketDirection direction = PacketDirection.Unknown)
    {
        Direction = direction;
        Number = number;
        UnixNanoseconds = unixNanoseconds;
        LinkType = linkType;
        Data = data;
        OriginalLength = originalLength;
    }

    /// <summary>1-based, counting every packet record (as Wireshark numbers frames).</summary>
    public int Number { get; }

    /// <summary>Capture time, nanoseconds since 1970-01-01 UTC.</summary>
    public long UnixNanoseconds { get; }

    /// <summary>The link type of the packet's interface (1 Ethernet, 101 raw IP, 113 Linux cooked, 276 Linux cooked v2 …).</summary>
    public int LinkType { get; }

    /// <summary>The captured bytes.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Inbound or outbound, where the file says (pcapng <c>epb_flags</c>; a trdpsim recording always does).</summary>
    public PacketDirection Direction { get; }

    /// <summary>The packet's length on the wire (more than <see cref="Data"/> when the capture cut it).</summary>
    public int OriginalLength { get; }
}

/// <summary>Which way a packet went, as a pcapng enhanced packet block's flags say.</summary>
public enum PacketDirection
{
    Unknown,
    Inbound,
    Outbound,
}
