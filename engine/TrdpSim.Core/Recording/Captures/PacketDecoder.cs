using System.Buffers.Binary;
using TrdpSim.Transport;

namespace TrdpSim.Recording.Captures;

/// <summary>Decodes a captured frame down to its IPv4 UDP or TCP payload.</summary>
/// <remarks>Link types: Ethernet (1, with up to two 802.1Q/802.1ad tags), BSD loopback (0), raw IP (101) and raw
/// IPv4 (228), Linux cooked capture (113) and its version 2 (276). Never throws: anything else is a
/// <see cref="PacketSkip"/>.</remarks>
internal static class PacketDecoder
{
    /// <summary>Decodes <paramref name="frame"/> of link type <paramref name="linkType"/>.</summary>
    public static PacketSkip TryDecode(LinkType linkType, ReadOnlySpan<byte> frame, out DecodedPacket packet)
    {
        packet = default;
        int etherType;
        ReadOnlySpan<byte> ip;
        switch (linkType)
        {
            case LinkType.Ethernet:
                if (frame.Length < 14)
                {
                    return PacketSkip.Truncated;
                }

                etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
                var at = 14;
                for (var tags = 0; tags < 2 && etherType is 0x8100 or 0x88A8; tags++)
                {
                    if (frame.Length < at + 4)
                    {
                        return PacketSkip.Truncated;
                    }

                    etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[(at + 2)..]);
                    at += 4;
                }

                ip = frame[at..];
                break;
            case LinkType.LinuxSll:
                if (frame.Length < 16)
                {
                    return PacketSkip.Truncated;
                }

                etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[14..]);
                ip = frame[16..];
                break;
            case LinkType.LinuxSll2:
                if (frame.Length < 20)
                {
                    return PacketSkip.Truncated;
                }

                etherType = BinaryPrimitives.ReadUInt16BigEndian(frame);
                ip = frame[20..];
                break;
            case LinkType.Null:
                if (frame.Length < 4)
                {
                    return PacketSkip.Truncated;
                }

                // The address family in the capturing host's byte order: AF_INET is 2 everywhere.
                etherType = BinaryPrimitives.ReadUInt32LittleEndian(frame) == 2 || BinaryPrimitives.ReadUInt32BigEndian(frame) == 2 ? 0x0800 : 0;
                ip = frame[4..];
                break;
            case LinkType.Raw:
            case LinkType.Ipv4:
                etherType = frame.Length > 0 && frame[0] >> 4 == 4 ? 0x0800 : 0;
                ip = frame;
                break;
            default:
                return PacketSkip.LinkType;
        }

        return etherType == 0x0800 ? DecodeIpv4(ip, out packet) : PacketSkip.NotIpv4;
    }

    private static PacketSkip DecodeIpv4(ReadOnlySpan<byte> ip, out DecodedPacket packet)
    {
        packet = default;
        if (ip.Length < 20)
        {
            return PacketSkip.Truncated;
        }

        if (ip[0] >> 4 != 4)
        {
            return PacketSkip.NotIpv4;
        }

        var headerLength = (ip[0] & 0x0F) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        if (headerLength < 20 || totalLength < headerLength || totalLength > ip.Length)
        {
            return PacketSkip.Truncated;
        }

        var fragment = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]);
        if ((fragment & 0x3FFF) != 0)
        {
            return PacketSkip.Fragment; // more fragments, or not the first
        }

        var protocol = ip[9];
        var source = BinaryPrimitives.ReadUInt32BigEndian(ip[12..]);
        var destination = BinaryPrimitives.ReadUInt32BigEndian(ip[16..]);
        var transport = ip[headerLength..totalLength];
        switch (protocol)
        {
            case DecodedPacket.Udp:
            {
                if (transport.Length < 8)
                {
                    return PacketSkip.Truncated;
                }

                var udpLength = BinaryPrimitives.ReadUInt16BigEndian(transport[4..]);
                if (udpLength < 8 || udpLength > transport.Length)
                {
                    return PacketSkip.Truncated;
                }

                packet = new DecodedPacket(
                    new Ip4Endpoint(source, BinaryPrimitives.ReadUInt16BigEndian(transport)),
                    new Ip4Endpoint(destination, BinaryPrimitives.ReadUInt16BigEndian(transport[2..])),
                    protocol, ip[1], ip[8], transport[8..udpLength]);
                return PacketSkip.None;
            }

            case DecodedPacket.Tcp:
            {
                if (transport.Length < 20)
                {
                    return PacketSkip.Truncated;
                }

                var dataOffset = (transport[12] >> 4) * 4;
                if (dataOffset < 20 || dataOffset > transport.Length)
                {
                    return PacketSkip.Truncated;
                }

                packet = new DecodedPacket(
                    new Ip4Endpoint(source, BinaryPrimitives.ReadUInt16BigEndian(transport)),
                    new Ip4Endpoint(destination, BinaryPrimitives.ReadUInt16BigEndian(transport[2..])),
                    protocol, ip[1], ip[8], transport[dataOffset..]);
                return PacketSkip.None;
            }

            default:
                return PacketSkip.NotUdpOrTcp;
        }
    }
}
