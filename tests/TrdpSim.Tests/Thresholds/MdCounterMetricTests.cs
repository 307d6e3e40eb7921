namespace TrdpSim.Tests.Thresholds;

/// <summary>Each MD counter a threshold can name reads its own counter of the groups it selects.</summary>
public sealed class MdCounterMetricTests
{
    [Theory]
    [InlineData("md_late_replies", 3)]  // replies after the session ended (LateRepliesReceived), not the replier's late ones (7)
    [InlineData("md_send_failures", 5)] // requests the socket or the TCP connection refused
    [InlineData("md_timeouts", 11)]
    public void TheMetricReadsItsCounter(string metric, long expected)
    {
        var telemetry = new RunTelemetry("md-metrics");
        var counters = telemetry.AddMdGroup(new MdGroup("A", "ask", MdRole.Caller, 7100, "caller")).Counters;
        counters.LateRepliesReceived = 3;
        counters.SendFailures = 5;
        counters.LateReplies = 7;
        counters.Timeouts = 11;

        Assert.True(ThresholdSyntax.TryParse($"{metric}{{telegram=ask}}", "count == 0", out var threshold, out var error), error.Message);
        Assert.Equal(new CountSample(expected, 0), Assert.IsType<CountReader>(MetricBinder.Bind(threshold.Metric, telemetry)).Read());
    }
}
