using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Protocol;

/// <summary>Decodes every PD frame of the TCNopen captures and checks it against the README tables.</summary>
public sealed class PdGoldenTests
{
    private static readonly string[] TcnopenPdCaptures =
    [
        "pd-publish.pcap", "pd-publish-empty.pcap", "pd-pull.pcap", "pd-pull-statistics.pcap", "pd-marshalled-dataset.pcap",
    ];

    /// <summary>Expected result of every frame of pd-receiver-checks.pcap under our strict rules.</summary>
    private static readonly FrameCheck[] ReceiverChecksExpected =
    [
        FrameCheck.Ok, FrameCheck.Ok, FrameCheck.Ok, FrameCheck.Ok, // 1-4: valid (duplicates are a receiver-state matter)
        FrameCheck.BadFcs, // 5
        FrameCheck.BadVersion, // 6: 0x0200
        FrameCheck.Ok, // 7: 0x01FF, high byte only
        FrameCheck.Ok, // 8: Pe accepted as TCNopen does
        FrameCheck.Ok, FrameCheck.Ok, // 9-10: topo counters are checked by the receiver, not the codec
        FrameCheck.DatasetTooLong, // 11: 1433
        FrameCheck.Ok, // 12: unpadded 45-byte frame accepted
        FrameCheck.Ok, FrameCheck.Ok, FrameCheck.Ok, FrameCheck.Ok, // 13-16
        FrameCheck.TooShort, // 17: 39-byte runt
        FrameCheck.Ok, FrameCheck.Ok, FrameCheck.Ok, FrameCheck.Ok, // 18-21
        FrameCheck.DatasetTruncated, // 22: dsLen 24 in a 48-byte frame (TCNopen delivers it; we do not)
        FrameCheck.Ok, FrameCheck.Ok, FrameCheck.Ok, // 23-25
    ];

    public static TheoryData<string, int> Rows() => PdVectorTable.Keys();

    [Theory]
    [MemberData(nameof(Rows))]
    public void HeaderMatchesReadmeTable(string file, int frame)
    {
        PdVectorRow row = PdVectorTable.Get(file, frame);
        PcapPacket packet = TestVectors.Frame(file, frame);

        Assert.True(packet.IsUdp);
        Assert.Equal(IPAddress.Parse(row.Source), packet.Source);
        Assert.Equal(IPAddress.Parse(row.Destination), packet.Destination);
        Assert.Equal(TrdpPorts.ProcessData, packet.DestinationPort);
        Assert.Equal(row.UdpLength, packet.Payload.Length);

        FrameCheck check = PdFrame.TryDecode(packet.Payload, out PdHeader header);
        Assert.Equal(ExpectedCheck(file, frame), check);
        if (check == FrameCheck.TooShort)
        {
            return;
        }

        Assert.Equal(row.Type, header.MessageType);
        Assert.Equal(row.Version, header.ProtocolVersion);
        Assert.Equal(row.Sequence, header.SequenceCounter);
        Assert.Equal(row.ComId, header.ComId);
        Assert.Equal(row.EtbTopo, header.EtbTopoCount);
        Assert.Equal(row.OpTopo, header.OpTrainTopoCount);
        Assert.Equal(row.DatasetLength, header.DatasetLength);
        Assert.Equal(row.Reserved, header.Reserved);
        Assert.Equal(row.ReplyComId, header.ReplyComId);
        Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(IPAddress.Parse(row.ReplyIp).GetAddressBytes()), header.ReplyIpAddress);
        Assert.Equal(row.FcsHex, Convert.ToHexStringLower(packet.Payload.AsSpan(36, 4)));
        Assert.Equal(BinaryPrimitives.ReadUInt32LittleEndian(Convert.FromHexString(row.FcsHex)), header.HeaderFcs);
    }

    [Fact]
    public void ReceiverChecksCaptureYieldsTheExpectedRejectionForAll25Frames()
    {
        IReadOnlyList<PcapPacket> packets = TestVectors.Read("pd-receiver-checks.pcap");
        Assert.Equal(ReceiverChecksExpected.Length, packets.Count);
        for (int i = 0; i < packets.Count; i++)
        {
            FrameCheck actual = PdFrame.TryDecode(packets[i].Payload, out _);
            Assert.True(ReceiverChecksExpected[i] == actual, $"frame {i + 1}: expected {ReceiverChecksExpected[i]}, got {actual}");
        }
    }

    [Fact]
    public void EveryValidPaddedPdFrameReencodesByteIdentical()
    {
        int reencoded = 0;
        foreach (string file in TestVectors.AllCaptures().Where(f => f.StartsWith("pd-", StringComparison.Ordinal)))
        {
            foreach (PcapPacket packet in TestVectors.Read(file))
            {
                FrameCheck check = PdFrame.TryDecode(packet.Payload, out PdHeader header);
                if (check != FrameCheck.Ok || packet.Payload.Length != PdFrame.FrameLength((int)header.DatasetLength))
                {
                    Assert.Equal("pd-receiver-checks.pcap", file); // only the crafted file holds negative vectors
                    continue;
                }

                var buffer = new byte[PdFrame.MaxFrameSize];
                int length = PdFrame.Encode(buffer, header, packet.Payload.AsSpan(PdFrame.HeaderSize, (int)header.DatasetLength));
                Assert.True(packet.Payload.AsSpan().SequenceEqual(buffer.AsSpan(0, length)), $"{file} frame {packet.FrameNumber} differs after re-encode");
                reencoded++;
            }
        }

        Assert.True(reencoded >= 60, $"only {reencoded} frames re-encoded");
    }

    [Fact]
    public void TcnopenPdFramesCarryTos0xA0AndTtl64()
    {
        foreach (string file in TcnopenPdCaptures)
        {
            foreach (PcapPacket packet in TestVectors.Read(file))
            {
                Assert.Equal(0xA0, packet.Tos);
                Assert.Equal(64, packet.Ttl);
            }
        }

        // In the crafted check capture only frames 24-25 come from TCNopen.
        IReadOnlyList<PcapPacket> checks = TestVectors.Read("pd-receiver-checks.pcap");
        Assert.All(checks.Where(p => p.FrameNumber >= 24), p => Assert.Equal(0xA0, p.Tos));
        Assert.All(checks, p => Assert.Equal(64, p.Ttl));
    }

    [Fact]
    public void PdSourcePortIsEphemeralAndPpGoesTo17224()
    {
        PcapPacket pr = TestVectors.Frame("pd-pull.pcap", 1);
        PcapPacket pp = TestVectors.Frame("pd-pull.pcap", 2);
        Assert.NotEqual(TrdpPorts.ProcessData, pr.SourcePort);
        Assert.Equal(TrdpPorts.ProcessData, pp.DestinationPort);
        Assert.Equal(IPAddress.Parse("127.0.0.2"), pp.Destination);
    }

    [Fact]
    public void PublishDatasetContentsMatchTheReadme()
    {
        PcapPacket first = TestVectors.Frame("pd-publish.pcap", 1);
        Assert.Equal("Hello World"u8.ToArray().Concat(new byte[13]), first.Payload.Skip(40));
        PcapPacket third = TestVectors.Frame("pd-publish.pcap", 3);
        Assert.Equal("Just a Counter: 00000001", System.Text.Encoding.ASCII.GetString(third.Payload, 40, 24));
    }

    private static FrameCheck ExpectedCheck(string file, int frame) =>
        file == "pd-receiver-checks.pcap" ? ReceiverChecksExpected[frame - 1] : FrameCheck.Ok;
}
