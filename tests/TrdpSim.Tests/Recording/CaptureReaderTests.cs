using TrdpSim.Recording.Captures;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Recording;

/// <summary>The engine's capture reader against every shared capture, in every container, byte order, timestamp
/// resolution and link type it reads (the vectors rewritten in memory), and against broken files.</summary>
public sealed class CaptureReaderTests
{
    /// <summary>Frames per file, from the table in shared/vectors/README.md.</summary>
    private static readonly Dictionary<string, int> FramesPerFile = new(StringComparer.Ordinal)
    {
        ["md-confirm-checks.pcap"] = 7,
        ["md-error.pcap"] = 2,
        ["md-notify.pcap"] = 1,
        ["md-replier-checks.pcap"] = 26,
        ["md-reptest-round.pcap"] = 10,
        ["md-request-reply-confirm.pcap"] = 3,
        ["md-request-reply.pcap"] = 2,
        ["md-request-retry.pcap"] = 4,
        ["md-tcp-request-reply.pcap"] = 10,
        ["pd-marshalled-dataset.pcap"] = 4,
        ["pd-publish-empty.pcap"] = 6,
        ["pd-publish.pcap"] = 29,
        ["pd-pull-statistics.pcap"] = 2,
        ["pd-pull.pcap"] = 2,
        ["pd-receiver-checks.pcap"] = 25,
    };

    public static TheoryData<string> Captures() => [.. TestVectors.AllCaptures()];

    [Fact]
    public void EveryCaptureOfTheFolderIsInTheTable()
    {
        Assert.Equal(FramesPerFile.Keys.Order(StringComparer.Ordinal), TestVectors.AllCaptures());
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void EveryFrameOfEveryCaptureIsReadAndDecoded(string file)
    {
        using var stream = File.OpenRead(TestVectors.PathOf(file));
        var reader = new CaptureReader(stream);
        Assert.Equal(CaptureFileFormat.Pcap, reader.Format);
        var decoded = 0;
        var last = 0L;
        while (reader.TryRead(out var frame))
        {
            Assert.Equal(LinkType.Ethernet, frame.LinkType);
            Assert.Equal(frame.Data.Length, frame.OriginalLength);
            Assert.True(frame.UnixNanoseconds >= last, $"{file} frame {frame.Number} goes back in time");
            last = frame.UnixNanoseconds;
            Assert.Equal(PacketSkip.None, PacketDecoder.TryDecode(frame.LinkType, frame.Data, out var packet));
            Assert.True(packet.Source.Port is 17224 or 17225 || packet.Destination.Port is 17224 or 17225);
            decoded++;
        }

        Assert.Equal(FramesPerFile[file], reader.FrameCount);
        Assert.Equal(FramesPerFile[file], decoded);
        // Recorded in 2026 (README): a sanity check of the time base.
        Assert.InRange(DateTimeOffset.UnixEpoch.AddTicks(last / 100).Year, 2026, 2027);
    }

    public static TheoryData<string, string> Variants()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in TestVectors.AllCaptures())
        {
            foreach (var variant in new[]
            {
                "pcap-be-us", "pcap-le-ns", "pcap-be-ns-sll", "pcap-le-us-raw", "pcap-le-us-null",
                "pcapng-le-ns", "pcapng-be-us", "pcapng-le-be-sections", "pcapng-0.1ns", "pcapng-2^-30", "pcapng-sll2", "pcapng-raw",
            })
            {
                data.Add(file, variant);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void EveryCaptureReadsTheSameInEveryForm(string file, string variant)
    {
        var records = CaptureVariants.Records(File.ReadAllBytes(TestVectors.PathOf(file)));
        var bytes = variant switch
        {
            "pcap-be-us" => CaptureVariants.Pcap(records, bigEndian: true, nanos: false, 1),
            "pcap-le-ns" => CaptureVariants.Pcap(records, bigEndian: false, nanos: true, 1),
            "pcap-be-ns-sll" => CaptureVariants.Pcap(records, bigEndian: true, nanos: true, 113),
            "pcap-le-us-raw" => CaptureVariants.Pcap(records, bigEndian: false, nanos: false, 101),
            "pcap-le-us-null" => CaptureVariants.Pcap(records, bigEndian: false, nanos: false, 0),
            "pcapng-le-ns" => CaptureVariants.Pcapng(records, [false], 9, 1),
            "pcapng-be-us" => CaptureVariants.Pcapng(records, [true], null, 1),
            "pcapng-le-be-sections" => CaptureVariants.Pcapng(records, [false, true, false], 6, 1),
            "pcapng-0.1ns" => CaptureVariants.Pcapng(records, [true], 10, 1),
            "pcapng-2^-30" => CaptureVariants.Pcapng(records, [false], 0x80 | 30, 1),
            "pcapng-sll2" => CaptureVariants.Pcapng(records, [false], 9, 276),
            "pcapng-raw" => CaptureVariants.Pcapng(records, [true], 9, 101),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };

        var expected = PcapReader.ReadFile(TestVectors.PathOf(file));
        var actual = PcapReader.Read(bytes);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal(e.FrameNumber, a.FrameNumber);
            Assert.Equal(e.Source, a.Source);
            Assert.Equal(e.SourcePort, a.SourcePort);
            Assert.Equal(e.Destination, a.Destination);
            Assert.Equal(e.DestinationPort, a.DestinationPort);
            Assert.Equal(e.Tos, a.Tos);
            Assert.Equal(e.Ttl, a.Ttl);
            Assert.Equal(e.Protocol, a.Protocol);
            Assert.Equal(e.Payload, a.Payload);
            // A binary fraction of 2^-30 s is 0.93 ns: the timestamp survives within a tick of 100 ns.
            Assert.True(Math.Abs((e.Timestamp - a.Timestamp).Ticks) <= 1, $"frame {e.FrameNumber}: {e.Timestamp:O} vs {a.Timestamp:O}");
        }
    }

    [Fact]
    public void SimplePacketBlocksHaveNoTimestampOfTheirOwn()
    {
        var records = CaptureVariants.Records(File.ReadAllBytes(TestVectors.PathOf("pd-publish.pcap")));
        var bytes = CaptureVariants.Pcapng(records, [false], 9, 1, simplePackets: true);
        var packets = PcapReader.Read(bytes);
        Assert.Equal(29, packets.Count);
        Assert.All(packets, p => Assert.Equal(DateTimeOffset.UnixEpoch, p.Timestamp));
    }

    public static TheoryData<string, byte[], string> BrokenFiles() => new()
    {
        { "empty", [], "at byte 0: the file is empty" },
        { "not a capture", "hello world, this is text"u8.ToArray(), "at byte 0: not a pcap or pcapng file" },
        { "pcap header cut", [0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0], "at byte 8: the file ends inside the pcap file header" },
        { "section header without magic", [0x0A, 0x0D, 0x0D, 0x0A, 28, 0, 0, 0, 1, 2, 3, 4], "section header without the byte-order magic" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void ABrokenFileIsAnErrorThatSaysWhere(string what, byte[] file, string message)
    {
        var error = Assert.Throws<CaptureFormatException>(() => PcapReader.Read(file));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Fact]
    public void AFileCutInsideItsLastRecordIsReportedNotHidden()
    {
        var bytes = File.ReadAllBytes(TestVectors.PathOf("pd-publish.pcap"));
        var error = Assert.Throws<CaptureFormatException>(() => PcapReader.Read(bytes.AsSpan(0, bytes.Length - 5)));
        Assert.Contains("the file ends inside record 29", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecordLengthBeyondTheBoundIsRefusedBeforeAnythingIsAllocated()
    {
        var bytes = File.ReadAllBytes(TestVectors.PathOf("pd-pull.pcap"));
        bytes[24 + 8] = 0xFF;
        bytes[24 + 9] = 0xFF;
        bytes[24 + 10] = 0xFF;
        bytes[24 + 11] = 0x7F;
        var error = Assert.Throws<CaptureFormatException>(() => PcapReader.Read(bytes));
        Assert.Contains("at byte 24: record 1 claims 2147483647 captured bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APacketOfAnUndescribedInterfaceIsAnError()
    {
        var records = CaptureVariants.Records(File.ReadAllBytes(TestVectors.PathOf("pd-pull.pcap")));
        var bytes = CaptureVariants.Pcapng(records, [false], 9, 1);
        // The first enhanced packet block's interface id (after SHB 28, IDB 32, NRB 16 bytes) → 7.
        bytes[28 + 32 + 16 + 8] = 7;
        var error = Assert.Throws<CaptureFormatException>(() => PcapReader.Read(bytes));
        Assert.Contains("packet of interface 7, but its section describes 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x0800, 0x2000, PacketSkip.Fragment)] // more fragments
    [InlineData(0x0800, 0x0010, PacketSkip.Fragment)] // a later fragment
    [InlineData(0x86DD, 0, PacketSkip.NotIpv4)]
    public void FragmentsAndOtherProtocolsAreSkippedWithTheirReason(int etherType, int fragmentField, PacketSkip expected)
    {
        var frame = TestVectors.Frame("pd-pull.pcap", 1);
        var records = CaptureVariants.Records(File.ReadAllBytes(TestVectors.PathOf("pd-pull.pcap")));
        var ethernet = records[0].Ethernet;
        ethernet[12] = (byte)(etherType >> 8);
        ethernet[13] = (byte)etherType;
        ethernet[14 + 6] = (byte)(fragmentField >> 8);
        ethernet[14 + 7] = (byte)fragmentField;
        Assert.Equal(expected, PacketDecoder.TryDecode(LinkType.Ethernet, ethernet, out _));
        Assert.NotEmpty(frame.Payload);
    }
}
