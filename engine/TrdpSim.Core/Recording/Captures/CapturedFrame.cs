namespace TrdpSim.Recording.Captures;

/// <summary>One packet record of a capture file: as captured, before any protocol is decoded.</summary>
/// <remarks>A ref struct: <see cref="Data"/> points into the reader's buffer and is valid until its next read.</remarks>
internal readonly ref struct CapturedFrame(int number, long unixNanoseconds, LinkType linkType, ReadOnlySpan<byte> data, int originalLength,
    PacketDirection direction = PacketDirection.Unknown)
{
    /// <summary>1-based, counting every packet record (as Wireshark numbers frames).</summary>
    public int Number { get; } = number;

    /// <summary>Capture time, nanoseconds since 1970-01-01 UTC.</summary>
    public long UnixNanoseconds { get; } = unixNanoseconds;

    /// <summary>The link type of the packet's interface (any number the file gives, not only the known ones).</summary>
    public LinkType LinkType { get; } = linkType;

    /// <summary>The captured bytes.</summary>
    public ReadOnlySpan<byte> Data { get; } = data;

    /// <summary>Inbound or outbound, where the file says (pcapng <c>epb_flags</c>; a trdpsim recording always does).</summary>
    public PacketDirection Direction { get; } = direction;

    /// <summary>The packet's length on the wire (more than <see cref="Data"/> when the capture cut it).</summary>
    public int OriginalLength { get; } = originalLength;
}

/// <summary>Which way a packet went, as a pcapng enhanced packet block's flags say.</summary>
internal enum PacketDirection
{
    Unknown,
    Inbound,
    Outbound,
}
