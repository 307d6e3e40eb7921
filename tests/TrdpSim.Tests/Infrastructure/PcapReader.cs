using System.Buffers.Binary;
using System.Net;

namespace TrdpSim.Tests.Infrastructure;

/// <summary>
/// Minimal reader for classic libpcap files (not pcapng) with link type Ethernet (1): parses
/// Ethernet (optionally one 802.1Q tag) → IPv4 → UDP/TCP. Other packets are skipped, but frame numbers
/// still count them so they match Wireshark.
/// </summary>
public static class PcapReader
{
    private const uint MagicMicros = 0xA1B2C3D4;
    private const uint MagicNanos = 0xA1B23C4D;
    private const int LinkTypeEthernet = 1;

    public static IReadOnlyList<PcapPacket> ReadFile(string path) => Read(File.ReadAllBytes(path));

    public static IReadOnlyList<PcapPacket> Read(ReadOnlySpan<byte> file)
    {
        if (file.Length < 24)
        {
            throw new InvalidDataException("File too short for a pcap global header.");
        }

        uint magicLe = BinaryPrimitives.ReadUInt32LittleEndian(file);
        uint magicBe = BinaryPrimitives.ReadUInt32BigEndian(file);
        bool littleEndian;
        bool nanos;
        if (magicLe is MagicMicros or MagicNanos)
        {
            littleEndian = true;
            nanos = magicLe == MagicNanos;
        }
        else if (magicBe is MagicMicros or MagicNanos)
        {
            littleEndian = false;
            nanos = magicBe == MagicNanos;
        }
        else
        {
            throw new InvalidDataException($"Not a classic pcap file (magic 0x{magicLe:X8}); pcapng is not supported.");
        }

        uint linkType = ReadU32(file[20..], littleEndian);
        if (linkType != LinkTypeEthernet)
        {
            throw new InvalidDataException($"Unsupported link type {linkType}; only Ethernet (1) is supported.");
        }

        var packets = new List<PcapPacket>();
        int offset = 24;
        int frameNumber = 0;
        while (offset + 16 <= file.Length)
        {
            uint seconds = ReadU32(file[offset..], littleEndian);
            uint fraction = ReadU32(file[(offset + 4)..], littleEndian);
            int captured = (int)ReadU32(file[(offset + 8)..], littleEndian);
            offset += 16;
            if (captured < 0 || offset + captured > file.Length)
            {
                throw new InvalidDataException($"Truncated record for frame {frameNumber + 1}.");
            }

            frameNumber++;
            long ticks = nanos ? fraction / 100 : fraction * 10L;
            var timestamp = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(ticks);
            PcapPacket? packet = ParseEthernet(frameNumber, timestamp, file.Slice(offset, captured));
            if (packet is not null)
            {
                packets.Add(packet);
            }

            offset += captured;
        }

        return packets;
    }

    private static PcapPacket? ParseEthernet(int frameNumber, DateTimeOffset timestamp, ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 14)
        {
            return null;
        }

        int etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        int ipOffset = 14;
        if (etherType == 0x8100 && frame.Length >= 18)
        {
            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[16..]);
            ipOffset = 18;
        }

        return etherType == 0x0800 ? ParseIPv4(frameNumber, timestamp, frame[ipOffset..]) : null;
    }

    private static PcapPacket? ParseIPv4(int frameNumber, DateTimeOffset timestamp, ReadOnlySpan<byte> ip)
    {
        if (ip.Length < 20 || ip[0] >> 4 != 4)
        {
            return null;
        }

        int headerLength = (ip[0] & 0x0F) * 4;
        int totalLength = Math.Min(BinaryPrimitives.ReadUInt16BigEndian(ip[2..]), ip.Length);
        byte tos = ip[1];
        byte ttl = ip[8];
        byte protocol = ip[9];
        var source = new IPAddress(ip.Slice(12, 4));
        var destination = new IPAddress(ip.Slice(16, 4));
        ReadOnlySpan<byte> transport = ip[headerLength..totalLength];

        switch (protocol)
        {
            case PcapPacket.Udp when transport.Length >= 8:
            {
                int udpLength = Math.Min(BinaryPrimitives.ReadUInt16BigEndian(transport[4..]), transport.Length);
                return new PcapPacket(
                    frameNumber, timestamp, source, BinaryPrimitives.ReadUInt16BigEndian(transport),
                    destination, BinaryPrimitives.ReadUInt16BigEndian(transport[2..]), tos, ttl, protocol,
                    transport[8..udpLength].ToArray());
            }

            case PcapPacket.Tcp when transport.Length >= 20:
            {
                int dataOffset = (transport[12] >> 4) * 4;
                return new PcapPacket(
                    frameNumber, timestamp, source, BinaryPrimitives.ReadUInt16BigEndian(transport),
                    destination, BinaryPrimitives.ReadUInt16BigEndian(transport[2..]), tos, ttl, protocol,
                    transport[Math.Min(dataOffset, transport.Length)..].ToArray());
            }

            default:
                return null;
        }
    }

    private static uint ReadU32(ReadOnlySpan<byte> source, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(source) : BinaryPrimitives.ReadUInt32BigEndian(source);
}
