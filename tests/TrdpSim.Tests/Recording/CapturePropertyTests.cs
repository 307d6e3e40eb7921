using CsCheck;
using TrdpSim.Recording.Captures;
using TrdpSim.Recording.Pcapng;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Recording;

/// <summary>Properties of the recording format: any packet the recorder writes reads back with its ends, bytes and
/// nanosecond time; and no damage to a capture makes the reader do anything but read or say where it broke.</summary>
public sealed class CapturePropertyTests
{
    private static readonly Gen<Ip4Endpoint> GenEndpoint = Gen.Select(Gen.UInt, Gen.UShort).Select((a, p) => new Ip4Endpoint(a, p));

    [Fact]
    public void WrittenPacketsReadBackExactly()
    {
        Gen.Select(GenEndpoint, GenEndpoint, Gen.Byte.Array[0, 3000], Gen.Bool, Gen.Long[0, long.MaxValue], Gen.Byte, Gen.Byte[1, 255], Gen.Int[0, 2])
            .Sample((source, destination, payload, tcp, time, tos, ttl, direction) =>
            {
                var stream = new MemoryStream();
                var writer = new PcapngWriter(stream);
                writer.WriteSectionHeader("p");
                writer.WriteInterface("i", "d");
                var packet = new byte[PacketHeaders.EthernetSize + 65535];
                var length = PacketHeaders.Write(packet, payload, source, destination, tcp, tos, ttl, 7, 1, 1);
                writer.WritePacket(0, time, packet.AsSpan(0, length), direction);
                writer.Flush();
                stream.Position = 0;
                var reader = new CaptureReader(stream);
                Assert.True(reader.TryRead(out var frame));
                Assert.Equal(time, frame.UnixNanoseconds);
                Assert.Equal((PacketDirection)direction, frame.Direction);
                Assert.Equal(PacketSkip.None, PacketDecoder.TryDecode(frame.LinkType, frame.Data, out var decoded));
                Assert.Equal(source, decoded.Source);
                Assert.Equal(destination, decoded.Destination);
                Assert.Equal(tos, decoded.Tos);
                Assert.Equal(ttl, decoded.Ttl);
                Assert.Equal(payload, decoded.Payload.ToArray());
                Assert.False(reader.TryRead(out _));
            });
    }

    [Fact]
    public void DamagedCapturesAreReadOrRefusedWithAnOffsetNeverAnythingElse()
    {
        var files = TestVectors.AllCaptures().Select(f => File.ReadAllBytes(TestVectors.PathOf(f))).ToArray();
        var records = CaptureVariants.Records(files[0]);
        var pcapng = CaptureVariants.Pcapng(records, [false, true], 9, 1);
        Gen.Select(Gen.Int[0, files.Length], Gen.Int[0, 1_000_000].Array[1, 4], Gen.Byte[1, 255], Gen.Int[0, 1_000_000]).Sample((which, positions, flip, cut) =>
        {
            var file = (which == files.Length ? pcapng : files[which]).ToArray();
            foreach (var position in positions)
            {
                file[position % file.Length] ^= flip;
            }

            try
            {
                var reader = new CaptureReader(new MemoryStream(file, 0, Math.Min(cut, file.Length)));
                while (reader.TryRead(out var frame))
                {
                    _ = PacketDecoder.TryDecode(frame.LinkType, frame.Data, out _);
                }
            }
            catch (CaptureFormatException e)
            {
                Assert.StartsWith("at byte ", e.Message, StringComparison.Ordinal);
            }
        });
    }
}
