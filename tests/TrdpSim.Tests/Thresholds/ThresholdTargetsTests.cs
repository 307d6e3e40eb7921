namespace TrdpSim.Tests.Thresholds;

public sealed class ThresholdTargetsTests
{
    [Theory]
    [InlineData("pd_sent{device=a,telegram=out,comId=1000,role=publish}", true)]
    [InlineData("pd_send_lateness{telegram=out}", true)]
    [InlineData("pd_send_lateness{telegram=in}", false)] // a subscription has no send lateness
    [InlineData("pd_jitter{device=b}", true)]
    [InlineData("pull_rtt", false)]
    [InlineData("pd_lost{comId=1001}", false)]
    [InlineData("md_rtt{telegram=ask}", true)]
    [InlineData("md_reply_delay{telegram=ask}", false)]
    [InlineData("md_errors_sent{device=b,role=replier}", true)] // the device's "(no listener)" replier
    [InlineData("md_calls{device=nobody}", false)]
    [InlineData("rejects{reason=bad_fcs}", true)]
    [InlineData("wheel_lateness", true)]
    public void SelectorsAreCheckedAgainstThePlan(string metric, bool matches)
    {
        var plan = new RunPlan();
        var a = new DevicePlan { Name = "a", Address = 0x0A000002 };
        a.Publications.Add(new PublicationPlan { Name = "out", ComId = 1000 });
        a.MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 2000 });
        var b = new DevicePlan { Name = "b", Address = 0x0A000003 };
        b.Subscriptions.Add(new SubscriptionPlan { Name = "in", ComId = 1000 });
        b.MdRepliers.Add(new MdReplierPlan { Name = "answer", ComId = 2000 });
        plan.Devices.Add(a);
        plan.Devices.Add(b);
        Assert.True(ThresholdSyntax.TryParse(metric, metric.StartsWith("pd_send", StringComparison.Ordinal) || metric.Contains("rtt", StringComparison.Ordinal)
            || metric.Contains("jitter", StringComparison.Ordinal) || metric.Contains("delay", StringComparison.Ordinal) || metric.StartsWith("wheel", StringComparison.Ordinal)
            ? "max < 1s" : "count == 0", out ThresholdPlan threshold, out ThresholdSyntaxError error), error.Message);
        plan.Thresholds.Add(threshold);
        Assert.Equal(matches, ThresholdTargets.Check(plan).Count == 0);
    }
}
