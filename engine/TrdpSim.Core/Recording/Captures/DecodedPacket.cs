using TrdpSim.Transport;

namespace TrdpSim.Recording.Captures;

/// <summary>An IPv4 UDP or TCP packet decoded from a captured frame; <see cref="Payload"/> points into the frame.</summary>
internal readonly ref struct DecodedPacket(Ip4Endpoint source, Ip4Endpoint destination, byte protocol, byte tos, byte ttl,
    ReadOnlySpan<byte> payload)
{
    public const byte Udp = 17;
    public const byte Tcp = 6;

    public Ip4Endpoint Source { get; } = source;

    public Ip4Endpoint Destination { get; } = destination;

    /// <summary>17 UDP, 6 TCP.</summary>
    public byte Protocol { get; } = protocol;

    /// <summary>IPv4 type of service (DSCP·4 + ECN).</summary>
    public byte Tos { get; } = tos;

    public byte Ttl { get; } = ttl;

    /// <summary>The UDP payload (to the UDP length) or the TCP segment's data.</summary>
    public ReadOnlySpan<byte> Payload { get; } = payload;
}
