using System.Buffers.Binary;
using System.Net;
using TrdpSim.Recording.Captures;

namespace TrdpSim.Tests.Infrastructure;

/// <summary>The capture reader of the engine (pcap and pcapng, every link type it decodes) as the tests want its
/// packets: IPv4 UDP and TCP only, as <see cref="PcapPacket"/> records. Other packets are skipped, but frame
/// numbers still count them so they match Wireshark.</summary>
public static class PcapReader
{
    public static IReadOnlyList<PcapPacket> ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    public static IReadOnlyList<PcapPacket> Read(ReadOnlySpan<byte> file)
    {
        using var stream = new MemoryStream(file.ToArray());
        return Read(stream);
    }

    public static IReadOnlyList<PcapPacket> Read(Stream stream)
    {
        var reader = new CaptureReader(stream);
        var packets = new List<PcapPacket>();
        while (reader.TryRead(out var frame))
        {
            if (PacketDecoder.TryDecode(frame.LinkType, frame.Data, out var packet) != PacketSkip.None)
            {
                continue;
            }

            var timestamp = DateTimeOffset.UnixEpoch.AddTicks(frame.UnixNanoseconds / 100);
            packets.Add(new PcapPacket(frame.Number, timestamp, Address(packet.Source.Address), packet.Source.Port,
                Address(packet.Destination.Address), packet.Destination.Port, packet.Tos, packet.Ttl, packet.Protocol, packet.Payload.ToArray()));
        }

        return packets;
    }

    private static IPAddress Address(uint hostOrder) => new(BinaryPrimitives.ReverseEndianness(hostOrder));
}
