using CsCheck;
using TrdpSim.Recording.Captures;
using TrdpSim.Recording.Pcapng;

namespace TrdpSim.Tests.Recording;

/// <summary>What the recorder writes: pcapng blocks the reader (and Wireshark) accept, and packets whose IPv4,
/// UDP and TCP checksums are right.</summary>
public sealed class PcapngWriterTests
{
    private static readonly Ip4Endpoint A = new(0x7F000002, 40000);
    private static readonly Ip4Endpoint B = new(0x7F000003, 17224);

    [Fact]
    public void PacketsComeBackWithTheirAddressesTimesAndPayload()
    {
        var stream = new MemoryStream();
        var writer = new PcapngWriter(stream);
        writer.WriteSectionHeader("trdpsim test");
        var first = writer.WriteInterface("trdpsim:a", "device a");
        var second = writer.WriteInterface("trdpsim:b", "device b");
        var packet = new byte[70000];
        var payloads = new[] { new byte[40], new byte[45], new byte[1472], new byte[65000] };
        for (var i = 0; i < payloads.Length; i++)
        {
            Random.Shared.NextBytes(payloads[i]);
            var tcp = i == 3;
            var length = PacketHeaders.Write(packet, payloads[i], A, tcp ? B with { Port = 17225 } : B, tcp, 0xA0, 64, (ushort)i, 1000, 2000);
            writer.WritePacket(i % 2 == 0 ? first : second, 1_800_000_000_123_456_789L + i, packet.AsSpan(0, length), i % 2 == 0 ? 2 : 1);
        }

        writer.Flush();
        Assert.Equal(stream.Length, writer.Length);
        stream.Position = 0;
        var reader = new CaptureReader(stream);
        Assert.Equal(CaptureFileFormat.Pcapng, reader.Format);
        for (var i = 0; i < payloads.Length; i++)
        {
            Assert.True(reader.TryRead(out var frame));
            Assert.Equal(1_800_000_000_123_456_789L + i, frame.UnixNanoseconds);
            Assert.Equal(LinkType.Ethernet, frame.LinkType);
            Assert.Equal(PacketSkip.None, PacketDecoder.TryDecode(frame.LinkType, frame.Data, out var decoded));
            Assert.Equal(A, decoded.Source);
            Assert.Equal(i == 3 ? (byte)6 : (byte)17, decoded.Protocol);
            Assert.Equal(0xA0, decoded.Tos);
            Assert.Equal(64, decoded.Ttl);
            Assert.Equal(payloads[i], decoded.Payload.ToArray());
            AssertChecksums(frame.Data);
        }

        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void PacketsWrittenInPlaceComeBackWholeAcrossManyBufferHandOvers()
    {
        // 20,000 packets of 150-250 bytes: about 4.6 MB, so the writer hands its 1 MiB buffer to the stream several
        // times, mostly with a packet that did not fit the rest of it.
        var stream = new MemoryStream();
        var writer = new PcapngWriter(stream);
        writer.WriteSectionHeader("trdpsim test");
        var iface = writer.WriteInterface("trdpsim:a", "device a");
        var random = new Random(7);
        var payloads = new List<byte[]>();
        for (var i = 0; i < 20_000; i++)
        {
            var payload = new byte[150 + random.Next(101)];
            random.NextBytes(payload);
            payloads.Add(payload);
            var space = writer.PacketSpace(PacketHeaders.LengthOf(payload.Length, tcp: false));
            var length = PacketHeaders.Write(space, payload, A, B, tcp: false, 0, 64, (ushort)i);
            writer.CommitPacket(iface, 1_800_000_000_000_000_000L + i, length, 1 + (i % 2));
        }

        Assert.True(stream.Length > 3 * PcapngWriter.BufferBytes, $"{stream.Length} bytes reached the stream");
        writer.Flush();
        Assert.Equal(stream.Length, writer.Length);
        stream.Position = 0;
        var reader = new CaptureReader(stream);
        for (var i = 0; i < payloads.Count; i++)
        {
            Assert.True(reader.TryRead(out var frame), $"packet {i}");
            Assert.Equal(1_800_000_000_000_000_000L + i, frame.UnixNanoseconds);
            Assert.Equal(PacketSkip.None, PacketDecoder.TryDecode(frame.LinkType, frame.Data, out var decoded));
            Assert.Equal(payloads[i], decoded.Payload.ToArray());
            AssertChecksums(frame.Data);
        }

        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void MulticastDestinationsGetTheGroupMac()
    {
        var packet = new byte[200];
        PacketHeaders.Write(packet, new byte[40], A, new Ip4Endpoint(0xEF010203, 17224), tcp: false, 0xA0, 64, 1);
        Assert.Equal(new byte[] { 0x01, 0x00, 0x5E, 0x01, 0x02, 0x03 }, packet[..6]);
        Assert.Equal(new byte[] { 0x02, 0x00, 0x7F, 0x00, 0x00, 0x02 }, packet[6..12]);
    }

    [Fact]
    public void TcpSegmentsNumberTheBytesOfEachDirection()
    {
        var streams = new TcpStreams();
        Assert.Equal((1u, 1u), streams.Next(A, B, 132));
        Assert.Equal((133u, 1u), streams.Next(A, B, 120));
        Assert.Equal((1u, 253u), streams.Next(B, A, 136));
        Assert.Equal((253u, 137u), streams.Next(A, B, 116));
    }

    [Fact]
    public void TheChecksumSumAgreesWithAWordByWordSumForAnyLengthAndStart()
    {
        // Lengths of every remainder modulo 4 (the sum takes 4 bytes at a time), seeds as the pseudo header gives them.
        Gen.Select(Gen.Byte.Array[0, 3000], Gen.UInt[0, 0x2FFFF]).Sample((data, seed) =>
        {
            var expected = Fold(seed + Sum(data)); // folded: 0 only when every word and the seed are 0
            var actual = PacketHeaders.Sum(data, seed);
            Assert.Equal(expected, actual);
            Assert.Equal((ushort)~expected, PacketHeaders.Checksum(actual));
        });
    }

    [Fact]
    public void TheChecksumSumFoldsAPacketOfOnesToOnesAndNothingToZero()
    {
        var ones = new byte[65534];
        Array.Fill(ones, (byte)0xFF);
        Assert.Equal(0xFFFFu, PacketHeaders.Sum(ones, 0xFFFF));
        Assert.Equal(0u, PacketHeaders.Sum([], 0));
    }

    /// <summary>The IPv4 header and UDP/TCP checksums, computed independently of the writer.</summary>
    private static void AssertChecksums(ReadOnlySpan<byte> ethernet)
    {
        var ip = ethernet[14..];
        Assert.Equal(0xFFFFu, Fold(Sum(ip[..20])));
        var total = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        var segment = ip[20..total];
        var pseudo = Sum(ip.Slice(12, 8)) + ip[9] + (uint)segment.Length;
        Assert.Equal(0xFFFFu, Fold(pseudo + Sum(segment)));
    }

    private static uint Sum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i < data.Length; i += 2)
        {
            sum += (uint)(data[i] << 8) | (i + 1 < data.Length ? data[i + 1] : 0u);
        }

        return sum;
    }

    private static uint Fold(uint sum)
    {
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return sum;
    }
}
