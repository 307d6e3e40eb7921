namespace TrdpSim.Tests.Thresholds;

/// <summary>Observed values are printed with the precision their rule needs: a long soak that lost 208 of
/// 450 M frames must not read <c>rate=0 ≠ 0</c>.</summary>
public sealed class ThresholdValueTextTests
{
    private const long Second = 1_000_000_000;

    [Fact]
    public void TinyLossRatioIsPrintedWithSignificantDigitsAndItsCounts()
    {
        var telemetry = new RunTelemetry("soak");
        TelegramCounters subscriber = telemetry.AddGroup("b", "in", TelegramRole.Subscribe, 1000).AddInstance();
        var clock = new ManualTimeSource(5 * Second);
        using var monitor = new ThresholdMonitor([Threshold("pd_loss_ratio", "rate == 0")], telemetry, clock);
        monitor.Start();
        subscriber.Received = 450_000_000 - 208;
        subscriber.Lost = 208;
        clock.Advance(4500 * Second);
        monitor.EvaluateNow();
        ThresholdReport report = monitor.Finish();

        ThresholdResult result = Assert.Single(report.Thresholds);
        Assert.False(result.Passed);
        Assert.Equal("failed at 1:15:00: rate=4.62e-7 ≠ 0 (208 of 450,000,000 lost)", result.Detail);
        Assert.Equal("rate=4.62e-7", result.ObservedText);

        var summary = RunSummary.Capture(telemetry, TimeSpan.FromSeconds(4500));
        summary.Thresholds = report;
        Assert.Contains("  FAIL  pd_loss_ratio: rate == 0  — failed at 1:15:00: rate=4.62e-7 ≠ 0 (208 of 450,000,000 lost)",
            SummaryTable.Format(summary), StringComparison.Ordinal);

        // The JSON keeps the exact value and the counts behind it.
        using var stream = new MemoryStream();
        SummaryJson.Write(stream, summary);
        using JsonDocument json = JsonDocument.Parse(stream.ToArray());
        JsonElement first = json.RootElement.GetProperty("thresholds").GetProperty("results")[0];
        Assert.Equal(208.0 / 450_000_000, first.GetProperty("observed").GetDouble());
        Assert.Equal(208, first.GetProperty("counts").GetProperty("numerator").GetInt64());
        Assert.Equal(450_000_000, first.GetProperty("counts").GetProperty("denominator").GetInt64());
    }

    [Fact]
    public void PassingRatioNamesItsCountsToo()
    {
        var telemetry = new RunTelemetry("calls");
        MdGroup caller = telemetry.AddMdGroup(new MdGroup("a", "ask", MdRole.Caller, 2000, "udp request"));
        var clock = new ManualTimeSource(5 * Second);
        using var monitor = new ThresholdMonitor([Threshold("md_timeout_ratio", "rate < 1%")], telemetry, clock);
        monitor.Start();
        caller.Counters.Calls = 12_345;
        caller.Counters.Timeouts = 3;
        clock.Advance(10 * Second);
        monitor.EvaluateNow();

        ThresholdResult result = Assert.Single(monitor.Finish().Thresholds);
        Assert.True(result.Passed, result.Detail);
        Assert.Equal("passed: rate=0.000243 (3 of 12,345 calls timed out)", result.Detail);
    }

    [Theory]
    [InlineData("rate == 0", 4.6222e-7, "4.62e-7")]
    [InlineData("rate == 0", 1e-12, "1e-12")]
    [InlineData("rate < 0.01", 0.0123456, "0.0123")]
    [InlineData("rate < 0.01", 0.000243, "0.000243")]
    [InlineData("per_second > 10", 15.94, "15.9")]
    [InlineData("per_second > 10", 123_456.7, "123457")]
    [InlineData("count == 0", 2, "2")]
    [InlineData("count == 0", 450_000_000, "450000000")]
    [InlineData("rate < 0.05", 0.0500004, "0.0500004")] // as many digits as it takes to differ from the limit
    [InlineData("rate < 0.05", -0.5, "-0.5")]
    public void ValuesKeepTheDigitsTheRuleNeeds(string rule, double value, string expected) =>
        Assert.Equal(expected, Aggregations.Format(Rule(rule), value));

    private static ThresholdRule Rule(string rule)
    {
        string metric = rule.StartsWith("rate", StringComparison.Ordinal) ? "pd_loss_ratio" : "pd_lost";
        Assert.True(ThresholdSyntax.TryParse(metric, rule, out ThresholdPlan plan, out ThresholdSyntaxError error), error.Message);
        return plan.Rule;
    }

    private static ThresholdPlan Threshold(string metric, string rule)
    {
        Assert.True(ThresholdSyntax.TryParse(metric, rule, out ThresholdPlan threshold, out ThresholdSyntaxError error), error.Message);
        return threshold;
    }
}
