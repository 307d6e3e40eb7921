using Prometheus;
using TrdpSim.Hosting;
using TrdpSim.Plan;
using TrdpSim.Plan.Thresholds;
using TrdpSim.Protocol.Statistics;
using TrdpSim.Reporting;
using TrdpSim.Telemetry;

namespace TrdpSim.IntegrationTests.Daemon;

/// <summary>A device polls a device under test's statistics (ComId 31) on loopback — here a trdpsim device, so the
/// figures can be checked against what the run did — and records every field as a series, with thresholds on them.</summary>
public sealed class StatisticsPollTests
{
    /// <summary>A publishes one telegram every 10 ms to B (the device under test); C polls B every 50 ms.</summary>
    private static RunPlan Plan(out uint dut)
    {
        RunPlan plan = LoopbackPlans.Pair(1, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1), out uint publisher, out dut);
        var poller = new DevicePlan { Name = "C", Address = (publisher & 0xFFFFFF00u) | 4 };
        poller.StatisticsPolls.Add(new StatisticsPollPlan { Name = "dut", Target = dut, Interval = TimeSpan.FromMilliseconds(50) });
        plan.Devices.Add(poller);
        Threshold(plan, "dut_stat_delta{device=C,telegram=dut,field=pd.numCrcErr}", "count == 0");
        Threshold(plan, "dut_stat_delta{field=pd.numRcv}", "count > 0");
        return plan;
    }

    private static void Threshold(RunPlan plan, string metric, string rule)
    {
        Assert.True(ThresholdSyntax.TryParse(metric, rule, out ThresholdPlan threshold, out ThresholdSyntaxError error), error.Message);
        plan.Thresholds.Add(threshold);
    }

    private static async Task<(DutStatisticsSnapshot Figures, Reporting.RunSummary Summary, bool[] Verdicts, string Metrics)> Run(RunPlan plan)
    {
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();
        DutStatisticsSeries series = Assert.Single(host.Telemetry.DutStatistics);
        Assert.True(SpinWait.SpinUntil(() => series.Replies >= 12, 10_000), $"{series.Replies} replies");
        await host.StopAsync();
        host.Thresholds.EvaluateNow();
        var verdicts = new bool[host.Thresholds.Count];
        for (int i = 0; i < verdicts.Length; i++)
        {
            verdicts[i] = host.Thresholds.IsOk(i);
        }

        using var stream = new MemoryStream();
        await host.Exporter.Registry.CollectAndExportAsTextAsync(stream);
        var summary = Reporting.RunSummary.Capture(host.Telemetry, TimeSpan.FromSeconds(1));
        return (series.Snapshot(), summary, verdicts, System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static DutStatisticsField Field(DutStatisticsSnapshot figures, string name) => figures.Fields[StatisticsFields.IndexOf(name)];

    [Fact]
    public async Task APolledTrdpsimDeviceReportsItsFiguresAsSeries()
    {
        RunPlan plan = Plan(out uint dut);
        var (figures, summary, verdicts, metrics) = await Run(plan);

        Assert.True(figures.Replies >= 12);
        Assert.Equal((0L, 0L), (figures.BadReplies, figures.Restarts));
        // B receives A's telegram every 10 ms and C's polls: numRcv rises, nothing is a CRC error.
        DutStatisticsField received = Field(figures, "pd.numRcv");
        Assert.True(received.Rise >= 50, $"pd.numRcv rose by {received.Rise}");
        Assert.Equal(received.Latest - received.First, received.Rise);
        Assert.True(received.MaxDelta > 0 && received.LastDelta >= 0);
        Assert.Equal(0, Field(figures, "pd.numCrcErr").Rise);
        Assert.Equal(0u, Field(figures, "pd.numCrcErr").Latest);
        // B subscribes one telegram (and its statistics); it publishes nothing but the statistics itself.
        Assert.Equal((2u, 1u), (Field(figures, "pd.numSubs").Latest, Field(figures, "pd.numPub").Latest));
        Assert.True(Field(figures, "upTime").Latest <= 60);

        // The poll is a pull like any other: requests and replies counted, round trips recorded.
        Reporting.SummaryRow pull = Assert.Single(summary.Rows, r => r.Device == "C" && r.Name == "dut");
        Assert.Equal(StatisticsDataset.ComId, pull.ComId);
        Assert.True(pull.Counters.PullReplies >= 12);

        Assert.Equal([true, true], verdicts);
        Assert.Contains("trdpsim_dut_statistics{device=\"C\",poll=\"dut\",field=\"pd.numCrcErr\"} 0", metrics);
        Assert.Contains("trdpsim_dut_statistics_rise{device=\"C\",poll=\"dut\",field=\"pd.numRcv\"}", metrics);
        Assert.Contains("pd.numRcv", SummaryTable.Format(summary, 160));
        using var json = new MemoryStream();
        SummaryJson.Write(json, summary);
        Assert.Contains("\"pd.numCrcErr\"", System.Text.Encoding.UTF8.GetString(json.ToArray()));
    }

    [Fact]
    public async Task ADeviceUnderFaultsShowsItsCountersRisingAndTheThresholdFails()
    {
        RunPlan plan = Plan(out _);
        // Every frame A sends arrives with a broken header FCS: B counts a CRC error for each.
        plan.Faults.Add(new FaultPlan { Name = "crc", Kind = FaultKind.CorruptFcs, Target = new FaultTarget { Device = "A" } });
        var (figures, _, verdicts, _) = await Run(plan);

        DutStatisticsField crc = Field(figures, "pd.numCrcErr");
        Assert.True(crc.Rise >= 20, $"pd.numCrcErr rose by {crc.Rise}");
        Assert.True(crc.MaxDelta >= 1);
        Assert.False(verdicts[0]); // numCrcErr must not rise
        Assert.True(verdicts[1]);  // the polls themselves were still received
    }
}
