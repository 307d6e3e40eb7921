using TrdpSim.Protocol.Statistics;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Protocol.Statistics;

/// <summary>The statistics dataset of ComId 31 against TCNopen's own reply in pd-pull-statistics.pcap.</summary>
public sealed class StatisticsDatasetTests
{
    private static byte[] CapturedDataset()
    {
        PcapPacket reply = TestVectors.Frame("pd-pull-statistics.pcap", 2);
        Assert.Equal(FrameCheck.Ok, PdFrame.TryDecode(reply.Payload, out PdHeader header));
        Assert.Equal((TrdpMessageType.Pp, StatisticsDataset.ComId), (header.MessageType, header.ComId));
        return reply.Payload.AsSpan(PdFrame.HeaderSize, (int)header.DatasetLength).ToArray();
    }

    [Fact]
    public void DecodesTheValuesListedForTheCapture()
    {
        var statistics = new TrdpStatistics();
        Assert.True(StatisticsDataset.TryRead(CapturedDataset(), statistics));

        Assert.Equal(0x0202174Cu, statistics.Version);
        Assert.Equal(0ul, statistics.TimeStamp);
        Assert.Equal(6u, statistics.UpTime);
        Assert.Equal(("Me", "unknown"), (statistics.HostName, statistics.LeaderName));
        Assert.Equal(Ip4Endpoint.ParseAddress("127.0.0.1"), statistics.OwnIpAddress);
        Assert.Equal(10_000u, statistics.ProcessCycleMicros);
        Assert.Equal(1_000_000u, statistics.Memory.Total);
        var pd = statistics.Pd;
        Assert.Equal((5u, 64u, 1_000_000u), (pd.DefaultQos, pd.DefaultTtl, pd.DefaultTimeoutMicros));
        Assert.Equal((2u, 1u, 1u, 1u), (pd.NumSubs, pd.NumPub, pd.NumRcv, pd.NumTimeout));
        Assert.Equal(0u, pd.NumCrcErr + pd.NumProtErr + pd.NumTopoErr + pd.NumNoSubs + pd.NumNoPub);
        var md = statistics.UdpMd;
        Assert.Equal((3u, 64u, 5_000_000u, 1_000_000u), (md.DefaultQos, md.DefaultTtl, md.DefaultReplyTimeoutMicros, md.DefaultConfirmTimeoutMicros));
    }

    [Fact]
    public void ReEncodesTheCapturedDatasetByteIdentical()
    {
        byte[] captured = CapturedDataset();
        var statistics = new TrdpStatistics();
        Assert.True(StatisticsDataset.TryRead(captured, statistics));

        var encoded = new byte[StatisticsDataset.Length];
        StatisticsDataset.Write(encoded, statistics);

        Assert.Equal(captured, encoded);
    }

    [Fact]
    public void LongAndNonAsciiNamesAreCutAndReplacedAndShortInputIsRefused()
    {
        var statistics = new TrdpStatistics { HostName = "a-very-long-device-name", LeaderName = "zug-ü" };
        var encoded = new byte[StatisticsDataset.Length];
        StatisticsDataset.Write(encoded, statistics);

        var decoded = new TrdpStatistics();
        Assert.True(StatisticsDataset.TryRead(encoded, decoded));
        Assert.Equal(("a-very-long-devi", "zug-?"), (decoded.HostName, decoded.LeaderName));
        Assert.False(StatisticsDataset.TryRead(encoded.AsSpan(0, StatisticsDataset.Length - 1), decoded));
    }
}
