namespace TrdpSim.Recording.Captures;

/// <summary>Why a captured packet carries no IPv4 UDP or TCP payload that could be replayed.</summary>
public enum PacketSkip
{
    /// <summary>Decoded: an IPv4 UDP or TCP packet.</summary>
    None,

    /// <summary>A link type other than Ethernet, Linux cooked (v1, v2), raw IPv4 or BSD loopback.</summary>
    LinkType,

    /// <summary>Not IPv4 (ARP, IPv6, …).</summary>
    NotIpv4,

    /// <summary>IPv4, but neither UDP nor TCP.</summary>
    NotUdpOrTcp,

    /// <summary>An IPv4 fragment: fragments are not reassembled (TRDP PD always fits one packet; MD over UDP
    /// above the MTU would need reassembly).</summary>
    Fragment,

    /// <summary>Headers cut short or inconsistent lengths (snap length, damaged packet).</summary>
    Truncated,
}
