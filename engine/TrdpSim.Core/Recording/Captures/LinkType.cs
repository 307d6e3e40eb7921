namespace TrdpSim.Recording.Captures;

/// <summary>The link-layer header types (tcpdump.org <c>LINKTYPE_*</c>) of the captures trdpsim reads and writes: what
/// a pcap file header or a pcapng interface description says its packets start with. A file may name any other
/// number; <see cref="PacketDecoder"/> skips its packets.</summary>
internal enum LinkType
{
    /// <summary>BSD loopback: a 4-byte address family in the capturing host's byte order.</summary>
    Null = 0,

    /// <summary>Ethernet, with up to two 802.1Q/802.1ad tags (what trdpsim's recordings use).</summary>
    Ethernet = 1,

    /// <summary>Raw IP, no link header.</summary>
    Raw = 101,

    /// <summary>Linux cooked capture.</summary>
    LinuxSll = 113,

    /// <summary>Raw IPv4, no link header.</summary>
    Ipv4 = 228,

    /// <summary>Linux cooked capture, version 2.</summary>
    LinuxSll2 = 276,
}
