namespace TrdpSim.Tests.Infrastructure;

/// <summary>One IPv4 UDP or TCP packet read from a classic pcap file.</summary>
/// <param name="FrameNumber">1-based frame number, as Wireshark shows it.</param>
/// <param name="Timestamp">Capture time (UTC).</param>
/// <param name="Source">Source IPv4 address.</param>
/// <param name="SourcePort">Source UDP/TCP port.</param>
/// <param name="Destination">Destination IPv4 address.</param>
/// <param name="DestinationPort">Destination UDP/TCP port.</param>
/// <param name="Tos">IPv4 type-of-service byte (DSCP·4 + ECN).</param>
/// <param name="Ttl">IPv4 time to live.</param>
/// <param name="Protocol">IP protocol number (17 UDP, 6 TCP).</param>
/// <param name="Payload">UDP/TCP payload bytes.</param>
public sealed record PcapPacket(
    int FrameNumber,
    DateTimeOffset Timestamp,
    IPAddress Source,
    int SourcePort,
    IPAddress Destination,
    int DestinationPort,
    byte Tos,
    byte Ttl,
    byte Protocol,
    byte[] Payload)
{
    public const byte Udp = 17;
    public const byte Tcp = 6;

    public bool IsUdp => Protocol == Udp;

    public bool IsTcp => Protocol == Tcp;
}
