using TrdpSim.Tests.Infrastructure;
using TrdpSim.IntegrationTests.MessageData;

namespace TrdpSim.IntegrationTests.Daemon;

/// <summary>The default wait on real sockets: the wheel wakes for the ticks that have work (not every 100 µs
/// tick), received MD frames wake it at once, and the precision wait is still there for who wants it.</summary>
public sealed class EfficientWaitTests
{
    [Fact]
    public async Task TheWheelWakesOnlyForTicksWithWork()
    {
        // 5 telegrams on a 10 ms cycle, shaped onto the 1 ms send grid: 500 sends/s, ~500 wake-ups/s, where the
        // precision wait wakes 10,000 times a second.
        var plan = LoopbackPlans.Pair(5, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1), out _, out _);
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();
        await Task.Delay(1000);
        await host.StopAsync();

        var engine = host.DescribeEngine();
        Assert.Equal("efficient", engine.Wait);
        Assert.Equal(1_000_000, engine.SendGridNanoseconds);
        var received = Totals(host, TelegramRole.Subscribe);
        Assert.True(received.Received >= 300, $"received {received.Received}");
        Assert.Equal(0, received.Lost);
        Assert.Equal(0, received.Timeouts);
        Assert.InRange(engine.WheelWakeUps, 50, 2_500); // one per grid step with work, plus a few
    }

    [Fact]
    public async Task ThePrecisionWaitStillWakesEveryTick()
    {
        var plan = LoopbackPlans.Pair(1, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1), out _, out _);
        plan.Network.Wait = WaitMode.Precision;
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();
        await Task.Delay(500);
        await host.StopAsync();

        var engine = host.DescribeEngine();
        Assert.Equal("precision", engine.Wait);
        Assert.Equal(100_000, engine.SendGridNanoseconds);
        Assert.True(engine.WheelWakeUps > 1_000, $"{engine.WheelWakeUps} wake-ups in 0.5 s");
    }

    [Fact]
    public async Task AReceivedMdFrameWakesTheWheelInsteadOfWaitingForItsNextDeadline()
    {
        // One call every 200 ms and an immediate reply: without the wake, each frame would wait in the inbox for
        // the wheel's next deadline (the next call), and round trips would take ~200 ms.
        var plan = MdPlans.Pair(out _, out var replier, out _);
        plan.Devices[0].MdCallers.Add(new MdCallerPlan { Name = "ask", ComId = 2101, Destination = replier, Rate = 5, ReplyTimeout = TimeSpan.FromSeconds(1) });
        plan.Devices[1].MdRepliers.Add(new MdReplierPlan { Name = "answer", ComId = 2101, Delay = "constant:0" });
        // Waits for round trips in the device's figures, not for answered calls: one that overlapped a stall of the
        // engine's own threads (a loaded CI host) is kept apart (RunTelemetry.StallRoundTrips) and would leave 3.
        await using var host = await MdPlans.RunAsync(plan, 1_100, h => MdPlans.Group(h, "ask", MdRole.Caller).Latency.Refresh().Count >= 4);

        var rtt = MdPlans.Group(host, "ask", MdRole.Caller).Latency.Refresh();
        Assert.True(rtt.Count >= 4, $"{rtt.Count} round trips");
        Assert.True(rtt.P50 < 50_000_000, $"round trip p50 {rtt.P50} ns: the frames waited for the wheel's next deadline");
    }

    [Fact]
    public async Task RealtimeSchedulingAskedForAPrecisionWaitRunsTheEfficientWaitAndSaysSo()
    {
        var plan = LoopbackPlans.Pair(1, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1), out _, out _);
        plan.Network.Wait = WaitMode.Precision;
        plan.Engine.Realtime = RealtimePolicy.Fifo;
        plan.Engine.RealtimePriority = 1;
        await using var host = RunHost.Create(plan, new RunHostOptions());
        await host.StartAsync();
        await Task.Delay(300);
        await host.StopAsync();

        var engine = host.DescribeEngine();
        Assert.Equal("efficient", engine.Wait);
        Assert.Equal("precision", engine.RequestedWait);
        Assert.Contains(engine.Messages, m => m.Contains("bounded spin", StringComparison.Ordinal));
        Assert.Equal(0, Totals(host, TelegramRole.Subscribe).Lost);
    }

    private static TelegramCounters Totals(RunHost host, TelegramRole role) => TelemetryTotals.OfRole(host.Telemetry, role);
}
