using Prometheus;

namespace TrdpSim.Tests.Thresholds;

/// <summary>The verdict reaches the summary table, the summary JSON and <c>/metrics</c>.</summary>
public sealed class ThresholdReportOutputTests
{
    [Fact]
    public void SummaryJsonAndTableCarryTheReport()
    {
        var telemetry = new RunTelemetry("out");
        telemetry.AddGroup("b", "in", TelegramRole.Subscribe, 1000).AddInstance().Timeouts = 2;
        var clock = new ManualTimeSource();
        Assert.True(ThresholdSyntax.TryParse("pd_timeouts", "count == 0", out ThresholdPlan failing, out _));
        failing.Origin = new SourceLocation("t.toml", 3, 8);
        Assert.True(ThresholdSyntax.TryParse("pd_lost", "count == 0", out ThresholdPlan passing, out _));
        using var monitor = new ThresholdMonitor([failing, passing], telemetry, clock);
        monitor.Start();
        clock.Advance(2_000_000_000);
        monitor.EvaluateNow();
        monitor.Fail("door stuck", new SourceLocation("s.js", 9, 3));

        RunSummary summary = RunSummary.Capture(telemetry, TimeSpan.FromSeconds(2));
        summary.Thresholds = monitor.Finish();
        using var stream = new MemoryStream();
        SummaryJson.Write(stream, summary);
        using JsonDocument json = JsonDocument.Parse(stream.ToArray());
        JsonElement thresholds = json.RootElement.GetProperty("thresholds");
        Assert.False(thresholds.GetProperty("passed").GetBoolean());
        JsonElement first = thresholds.GetProperty("results")[0];
        Assert.Equal("pd_timeouts: count == 0", first.GetProperty("threshold").GetString());
        Assert.False(first.GetProperty("passed").GetBoolean());
        Assert.Equal(2, first.GetProperty("observed").GetDouble());
        Assert.Equal(2, first.GetProperty("failedAtSeconds").GetDouble());
        Assert.Equal("t.toml:3:8", first.GetProperty("origin").GetString());
        Assert.True(thresholds.GetProperty("results")[1].GetProperty("passed").GetBoolean());
        Assert.Equal("door stuck", thresholds.GetProperty("failures")[0].GetProperty("reason").GetString());

        string table = SummaryTable.Format(summary);
        Assert.Contains("thresholds: 1 passed, 1 failed, 1 scenario failure(s)", table, StringComparison.Ordinal);
        Assert.Contains("  FAIL  pd_timeouts: count == 0  — failed at 00:02: count=2 ≠ 0  [t.toml:3:8]", table, StringComparison.Ordinal);
        Assert.Contains("  ok    pd_lost: count == 0  — passed: count=0", table, StringComparison.Ordinal);
        Assert.Contains("  FAIL  scenario: door stuck at 00:02  [s.js:9:3]", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrometheusGaugeFollowsTheThresholdState()
    {
        var telemetry = new RunTelemetry("prom");
        TelegramCounters counters = telemetry.AddGroup("b", "in", TelegramRole.Subscribe, 1000).AddInstance();
        var clock = new ManualTimeSource();
        Assert.True(ThresholdSyntax.TryParse("pd_timeouts{device=b}", "count == 0", out ThresholdPlan threshold, out _));
        using var monitor = new ThresholdMonitor([threshold], telemetry, clock);
        var exporter = new PrometheusExporter(telemetry);
        ThresholdMetrics.Register(exporter.Registry, monitor);
        monitor.Start();
        clock.Advance(1_000_000_000);
        monitor.EvaluateNow();
        string ok = await Scrape(exporter.Registry);
        Assert.Contains("count == 0", ok, StringComparison.Ordinal);
        Assert.EndsWith("} 1", ok, StringComparison.Ordinal);
        counters.Timeouts = 1;
        clock.Advance(1_000_000_000);
        monitor.EvaluateNow();
        Assert.EndsWith("} 0", await Scrape(exporter.Registry), StringComparison.Ordinal);
    }

    private static async Task<string> Scrape(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        string text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        int at = text.IndexOf("trdpsim_threshold_ok{", StringComparison.Ordinal);
        Assert.True(at >= 0, text);
        return text[at..text.IndexOf('\n', at)];
    }
}
