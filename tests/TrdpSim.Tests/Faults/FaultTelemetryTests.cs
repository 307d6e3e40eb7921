using System.Text;

namespace TrdpSim.Tests.Faults;

/// <summary>Strikes per fault reach the summary table, the JSON summary and /metrics, and stay there after a repair.</summary>
public sealed class FaultTelemetryTests
{
    [Fact]
    public async Task StrikesAreExportedPerFault()
    {
        var plan = FaultHarness.TwoDevices(10);
        plan.Faults.Add(new FaultPlan { Name = "drop", Kind = FaultKind.Loss, Probability = 0.5 });
        plan.Faults.Add(new FaultPlan { Name = "late", Kind = FaultKind.Delay, Delay = "constant:2ms", Target = new FaultTarget { Device = "A", Telegram = "out" } });
        using var h = new FaultHarness(plan);
        h.RunFor(TimeSpan.FromSeconds(1));
        Assert.True(h.Faults.Repair("drop"));
        h.RunFor(TimeSpan.FromMilliseconds(100));
        var drop = h.Run.Telemetry.Faults()[0].Strikes;
        var late = h.Run.Telemetry.Faults()[1].Strikes;
        Assert.InRange(drop, 30, 70);

        var summary = RunSummary.Capture(h.Run.Telemetry, TimeSpan.FromSeconds(1.1));
        Assert.Equal(2, summary.FaultRows.Count);
        Assert.Equal(new FaultSummaryRow("drop", "loss", "*", 1, drop, false), summary.FaultRows[0]);
        Assert.Equal(new FaultSummaryRow("late", "delay", "A/out", 1, late, true), summary.FaultRows[1]);
        var table = SummaryTable.Format(summary);
        Assert.Contains("faults", table, StringComparison.Ordinal);
        Assert.Matches(@"drop\s+loss\s+\*\s+1\s+" + drop + @"\s+ended", table);
        Assert.Contains($"delayed by faults {late}", table, StringComparison.Ordinal);

        using var stream = new MemoryStream();
        SummaryJson.Write(stream, summary);
        using var json = JsonDocument.Parse(stream.ToArray());
        var faults = json.RootElement.GetProperty("faults");
        Assert.Equal("late", faults[1].GetProperty("name").GetString());
        Assert.Equal(late, faults[1].GetProperty("strikes").GetInt64());
        Assert.True(faults[1].GetProperty("active").GetBoolean());
        Assert.Equal(late, json.RootElement.GetProperty("totals").GetProperty("delayed").GetInt64());

        var exporter = new PrometheusExporter(h.Run.Telemetry);
        using var metrics = new MemoryStream();
        await exporter.Registry.CollectAndExportAsTextAsync(metrics);
        var text = Encoding.UTF8.GetString(metrics.ToArray());
        Assert.Contains($"trdpsim_fault_strikes_total{{fault=\"drop\",kind=\"loss\"}} {drop}", text, StringComparison.Ordinal);
        Assert.Contains($"trdpsim_fault_strikes_total{{fault=\"late\",kind=\"delay\"}} {late}", text, StringComparison.Ordinal);
        Assert.Contains("trdpsim_pd_delayed_total{device=\"A\",telegram=\"out\",role=\"publish\"} " + late, text, StringComparison.Ordinal);
    }
}
