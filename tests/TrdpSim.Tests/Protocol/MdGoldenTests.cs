using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Protocol;

/// <summary>Decodes every MD frame (UDP and TCP) of the captures and checks it against the README tables.</summary>
public sealed class MdGoldenTests
{
    private static readonly string[] TcnopenMdCaptures =
    [
        "md-notify.pcap", "md-request-reply.pcap", "md-request-reply-confirm.pcap", "md-error.pcap",
        "md-request-retry.pcap", "md-reptest-round.pcap", "md-tcp-request-reply.pcap",
    ];

    /// <summary>Negative vectors among the crafted MD frames; every other MD frame must decode Ok.</summary>
    private static readonly Dictionary<(string File, int Frame), FrameCheck> Negative = new()
    {
        [("md-replier-checks.pcap", 3)] = FrameCheck.BadFcs,
        [("md-replier-checks.pcap", 5)] = FrameCheck.BadVersion,
        [("md-replier-checks.pcap", 8)] = FrameCheck.DatasetTruncated, // dsLen 100, 8 bytes sent; TCNopen answered it
        [("md-replier-checks.pcap", 15)] = FrameCheck.WrongMessageType, // 'Mx'
    };

    public static TheoryData<string, int> Rows() => MdVectorTable.Keys();

    [Theory]
    [MemberData(nameof(Rows))]
    public void HeaderMatchesReadmeTable(string file, int frame)
    {
        MdVectorRow row = MdVectorTable.Get(file, frame);
        PcapPacket packet = TestVectors.Frame(file, frame);

        Assert.Equal(IPAddress.Parse(row.Source), packet.Source);
        Assert.Equal(IPAddress.Parse(row.Destination), packet.Destination);
        Assert.Equal(row.Length, packet.Payload.Length);

        FrameCheck check = MdFrame.TryDecode(packet.Payload, out MdHeader header);
        Assert.Equal(Negative.GetValueOrDefault((file, frame), FrameCheck.Ok), check);
        Assert.Equal(row.Type, header.MessageType);
        Assert.Equal(row.Version, header.ProtocolVersion);
        Assert.Equal(row.Sequence, header.SequenceCounter);
        Assert.Equal(row.ComId, header.ComId);
        Assert.Equal(row.DatasetLength, header.DatasetLength);
        Assert.Equal(row.ReplyStatus, header.ReplyStatus);
        Assert.Equal(row.ReplyTimeout, header.ReplyTimeoutMicros);
        Assert.Equal(row.SessionId, header.SessionId.ToString());
        Assert.Equal(SessionId.Parse(row.SessionId), header.SessionId);
        Assert.Equal(row.SourceUri, header.SourceUri.ToString());
        Assert.Equal(row.DestinationUri, header.DestinationUri.ToString());
        Assert.Equal(TrdpUri.FromString(row.SourceUri), header.SourceUri);
        Assert.Equal(row.FcsHex, Convert.ToHexStringLower(packet.Payload.AsSpan(MdFrame.FcsOffset, 4)));
    }

    [Fact]
    public void EveryMdFrameInEveryCaptureDecodesAndValidPaddedOnesReencodeIdentically()
    {
        int decoded = 0;
        int reencoded = 0;
        foreach (string file in TestVectors.AllCaptures().Where(f => f.StartsWith("md-", StringComparison.Ordinal)))
        {
            foreach (PcapPacket packet in TestVectors.Read(file))
            {
                if (packet.Payload.Length == 0)
                {
                    continue; // TCP handshake / ACK / FIN
                }

                FrameCheck check = MdFrame.TryDecode(packet.Payload, out MdHeader header);
                Assert.True(
                    Negative.GetValueOrDefault((file, packet.FrameNumber), FrameCheck.Ok) == check,
                    $"{file} frame {packet.FrameNumber}: {check}");
                decoded++;
                if (check != FrameCheck.Ok || packet.Payload.Length != MdFrame.FrameLength((int)header.DatasetLength))
                {
                    continue;
                }

                var buffer = new byte[MdFrame.FrameLength((int)header.DatasetLength)];
                int length = MdFrame.Encode(buffer, header, packet.Payload.AsSpan(MdFrame.HeaderSize, (int)header.DatasetLength));
                Assert.True(packet.Payload.AsSpan().SequenceEqual(buffer.AsSpan(0, length)), $"{file} frame {packet.FrameNumber} differs after re-encode");
                reencoded++;
            }
        }

        Assert.Equal(MdVectorTable.Rows.Length, decoded);
        Assert.True(reencoded >= 50, $"only {reencoded} re-encoded");
    }

    [Fact]
    public void TcpStreamCarriesPlainMdFramesWithoutLengthPrefix()
    {
        var stream = new List<byte>();
        foreach (PcapPacket packet in TestVectors.Read("md-tcp-request-reply.pcap"))
        {
            Assert.True(packet.IsTcp);
            stream.AddRange(packet.Payload);
        }

        // Frame the concatenated stream purely from datasetLength.
        byte[] bytes = stream.ToArray();
        var types = new List<TrdpMessageType>();
        int offset = 0;
        while (offset < bytes.Length)
        {
            MdFrame.ReadHeader(bytes.AsSpan(offset), out MdHeader header);
            int length = MdFrame.FrameLength((int)header.DatasetLength);
            Assert.Equal(FrameCheck.Ok, MdFrame.TryDecode(bytes.AsSpan(offset, length), out _));
            types.Add(header.MessageType);
            offset += length;
        }

        Assert.Equal([TrdpMessageType.Mr, TrdpMessageType.Mp], types);
    }

    [Fact]
    public void TcnopenMdFramesCarryTos0x60AndTtl64()
    {
        foreach (string file in TcnopenMdCaptures)
        {
            Assert.All(TestVectors.Read(file), p =>
            {
                Assert.Equal(0x60, p.Tos);
                Assert.Equal(64, p.Ttl);
            });
        }

        // Replies in the crafted check captures are TCNopen's: they come from 127.0.0.1.
        foreach (string file in new[] { "md-replier-checks.pcap", "md-confirm-checks.pcap" })
        {
            Assert.All(TestVectors.Read(file).Where(p => p.Source.Equals(IPAddress.Parse("127.0.0.1"))), p => Assert.Equal(0x60, p.Tos));
        }
    }

    [Fact]
    public void RepliesGoToRequestSourcePortAndMeGoesTo17225()
    {
        PcapPacket mr = TestVectors.Frame("md-request-reply.pcap", 1);
        PcapPacket mp = TestVectors.Frame("md-request-reply.pcap", 2);
        Assert.Equal(mr.SourcePort, mp.DestinationPort);
        Assert.Equal(TrdpPorts.MessageData, mp.SourcePort);

        PcapPacket me = TestVectors.Frame("md-error.pcap", 2);
        Assert.Equal(TrdpPorts.MessageData, me.DestinationPort);
        MdFrame.ReadHeader(me.Payload, out MdHeader header);
        Assert.Equal(ReplyStatus.NoReplier, header.ReplyStatus);
        Assert.Equal(0u, header.ComId);
    }
}
