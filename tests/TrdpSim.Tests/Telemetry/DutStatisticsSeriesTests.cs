using TrdpSim.Plan;
using TrdpSim.Plan.Thresholds;
using TrdpSim.Protocol;
using TrdpSim.Protocol.Statistics;
using TrdpSim.Telemetry;
using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Telemetry;

/// <summary>A device under test's statistics replies recorded as series: TCNopen's own reply decoded field by
/// field, rises across the 32-bit wrap, a DUT restart, short replies, and the threshold catalog's field tag.</summary>
public sealed class DutStatisticsSeriesTests
{
    private static TrdpStatistics Captured()
    {
        PcapPacket reply = TestVectors.Frame("pd-pull-statistics.pcap", 2);
        Assert.Equal(FrameCheck.Ok, PdFrame.TryDecode(reply.Payload, out PdHeader header));
        var statistics = new TrdpStatistics();
        Assert.True(StatisticsDataset.TryRead(reply.Payload.AsSpan(PdFrame.HeaderSize, (int)header.DatasetLength), statistics));
        return statistics;
    }

    private static byte[] Encode(TrdpStatistics statistics)
    {
        var dataset = new byte[StatisticsDataset.Length];
        StatisticsDataset.Write(dataset, statistics);
        return dataset;
    }

    private static DutStatisticsField Field(DutStatisticsSeries series, string name) =>
        series.Snapshot().Fields[StatisticsFields.IndexOf(name)];

    [Fact]
    public void RecordsTcnopensOwnReplyFieldByField()
    {
        var series = new DutStatisticsSeries("C", "dut", "127.0.0.1");
        TrdpStatistics statistics = Captured();
        Assert.True(series.Record(Encode(statistics), 1_000));

        Assert.Equal(1, series.Replies);
        Assert.Equal(6u, Field(series, "upTime").Latest);
        Assert.Equal((2u, 1u, 1u, 1u), (Field(series, "pd.numSubs").Latest, Field(series, "pd.numPub").Latest,
            Field(series, "pd.numRcv").Latest, Field(series, "pd.numTimeout").Latest));
        Assert.Equal(1_000_000u, Field(series, "mem.total").Latest);
        Assert.Equal(5_000_000u, Field(series, "udpMd.defReplyTimeout").Latest);
        Assert.Equal(0, Field(series, "pd.numRcv").Rise); // one reply: nothing has changed yet
        DutStatisticsSample sample = Assert.Single(series.History());
        Assert.Equal(1_000, sample.ReceivedNanoseconds);
    }

    [Fact]
    public void CountersRiseAcrossThe32BitWrapAndStateFieldsByTheirDifference()
    {
        var series = new DutStatisticsSeries("C", "dut", "127.0.0.1");
        TrdpStatistics statistics = Captured();
        statistics.Pd.NumRcv = uint.MaxValue - 2;
        statistics.Memory.Free = 1000;
        series.Record(Encode(statistics), 1);
        statistics.UpTime++;
        statistics.Pd.NumRcv = 4; // wrapped: 7 more
        statistics.Memory.Free = 900;
        series.Record(Encode(statistics), 2);
        statistics.UpTime++;
        statistics.Pd.NumRcv = 6;
        statistics.Memory.Free = 950;
        series.Record(Encode(statistics), 3);

        DutStatisticsField received = Field(series, "pd.numRcv");
        Assert.Equal((9L, 2L, 7L), (received.Rise, received.LastDelta, received.MaxDelta));
        DutStatisticsField free = Field(series, "mem.free");
        Assert.Equal((-50L, 50L, 50L), (free.Rise, free.LastDelta, free.MaxDelta));
        Assert.Equal(0, series.Restarts);
        Assert.Equal(3, series.History().Length);
    }

    [Fact]
    public void ADutRestartCountsItsCountersFromZero()
    {
        var series = new DutStatisticsSeries("C", "dut", "127.0.0.1");
        TrdpStatistics statistics = Captured();
        statistics.UpTime = 100;
        statistics.Pd.NumCrcErr = 50;
        series.Record(Encode(statistics), 1);
        statistics.UpTime = 2; // the stack restarted
        statistics.Pd.NumCrcErr = 3;
        series.Record(Encode(statistics), 2);

        Assert.Equal(1, series.Restarts);
        Assert.Equal((3L, 3L), (Field(series, "pd.numCrcErr").Rise, Field(series, "pd.numCrcErr").LastDelta));
    }

    [Fact]
    public void AShortReplyIsCountedAndNotRecorded()
    {
        var series = new DutStatisticsSeries("C", "dut", "127.0.0.1");
        Assert.False(series.Record(new byte[StatisticsDataset.Length - 1], 1));
        Assert.Equal((0L, 1L), (series.Replies, series.BadReplies));
        Assert.Empty(series.History());
    }

    [Fact]
    public void HistoryKeepsTheNewestReplies()
    {
        var series = new DutStatisticsSeries("C", "dut", "127.0.0.1");
        byte[] dataset = Encode(Captured());
        for (int i = 0; i < DutStatisticsSeries.HistoryCapacity + 5; i++)
        {
            series.Record(dataset, i);
        }

        DutStatisticsSample[] history = series.History();
        Assert.Equal(DutStatisticsSeries.HistoryCapacity, history.Length);
        Assert.Equal((5L, DutStatisticsSeries.HistoryCapacity + 4L), (history[0].ReceivedNanoseconds, history[^1].ReceivedNanoseconds));
    }

    [Fact]
    public void FieldNamesAreUniqueAndThresholdsCheckThem()
    {
        var names = new HashSet<string>();
        for (int i = 0; i < StatisticsFields.Count; i++)
        {
            Assert.True(names.Add(StatisticsFields.Name(i)), StatisticsFields.Name(i));
        }

        Assert.True(ThresholdSyntax.TryParse("dut_stat_delta{field=pd.numCrcErr}", "count == 0", out ThresholdPlan plan, out _));
        Assert.Equal("pd.numCrcErr", plan.Metric.Tag("field"));
        Assert.False(ThresholdSyntax.TryParse("dut_stat_delta{field=numCrcErr}", "count == 0", out _, out ThresholdSyntaxError error));
        Assert.Contains("unknown statistics field 'numCrcErr'", error.Message, StringComparison.Ordinal);
        Assert.True(ThresholdSyntax.TryParse("dut_stat_value{device=C,field=mem.free}", "value > 1000", out _, out error), error.Message);
    }
}
