using TrdpSim.Devices;
using TrdpSim.Plan.Thresholds;
using TrdpSim.Tests.Faults;
using TrdpSim.Thresholds;

namespace TrdpSim.Tests.Devices;

/// <summary>The simulator's own stalls told from the device's faults, on the deterministic harness: a timeout
/// whose deadline fell inside a stall of the wheel, gaps the kernel made because a receive socket's reader fell
/// behind, jitter measured across a stall — counted apart, shown to hooks as such, and kept out of verdicts
/// unless asked for.</summary>
public sealed class SelfInflictedTests
{
    [Fact]
    public void ATimeoutWhoseDeadlineFellInsideAStallOfTheWheelIsSelfInflicted()
    {
        using var h = new FaultHarness(FaultHarness.TwoDevices(cycleMilliseconds: 10)); // timeout 50 ms
        var tap = RecordTimeouts(h);
        h.RunFor(TimeSpan.FromMilliseconds(200));
        h.StallWheel(TimeSpan.FromMilliseconds(120));
        h.RunFor(TimeSpan.FromMilliseconds(100));

        var received = h.Received;
        Assert.Equal(1, received.Timeouts);
        Assert.Equal(1, received.SelfTimeouts);
        Assert.Equal([true], tap.SelfInflicted);
        Assert.True(h.Run.Telemetry.Stalls.Totals().BySource[0].LongestNanoseconds >= 110_000_000);
    }

    [Fact]
    public void APublisherThatFallsSilentWhileTrdpsimRunsOnTimeIsTheDevicesTimeout()
    {
        using var h = new FaultHarness(FaultHarness.TwoDevices(cycleMilliseconds: 10));
        var tap = RecordTimeouts(h);
        h.RunFor(TimeSpan.FromMilliseconds(200));
        h.Publication().Silenced = true;
        h.RunFor(TimeSpan.FromMilliseconds(120));

        Assert.Equal(1, h.Received.Timeouts);
        Assert.Equal(0, h.Received.SelfTimeouts);
        Assert.Equal([false], tap.SelfInflicted);
    }

    [Fact]
    public void AStallThatEndedBeforeTheDeadlineDoesNotExcuseALaterSilence()
    {
        using var h = new FaultHarness(FaultHarness.TwoDevices(cycleMilliseconds: 10));
        h.RunFor(TimeSpan.FromMilliseconds(200));
        h.StallWheel(TimeSpan.FromMilliseconds(30)); // shorter than the 50 ms timeout: nothing times out
        h.RunFor(TimeSpan.FromMilliseconds(20));
        h.Publication().Silenced = true;
        h.RunFor(TimeSpan.FromMilliseconds(120));

        Assert.Equal(1, h.Received.Timeouts);
        Assert.Equal(0, h.Received.SelfTimeouts);
    }

    [Fact]
    public void TelegramsTheKernelDroppedBecauseTheReaderStalledAreSelfInflictedLosses()
    {
        // A receive queue of 4 datagrams: while the receive side stalls for 100 ms, 10 telegrams arrive, 6 are dropped.
        using var h = new FaultHarness(FaultHarness.TwoDevices(cycleMilliseconds: 10), queueCapacity: 4);
        h.RunFor(TimeSpan.FromMilliseconds(100));
        h.StallReceive(TimeSpan.FromMilliseconds(100));
        h.RunFor(TimeSpan.FromMilliseconds(100));

        var received = h.Received;
        Assert.Equal(6, received.Lost);
        Assert.Equal(6, received.SelfLost);
        Assert.Equal(0, received.Timeouts); // the queued telegrams were read before any deadline was judged
    }

    [Fact]
    public void FramesAFaultWithheldAreTheDevicesLossNotTrdpsims()
    {
        var plan = FaultHarness.TwoDevices(cycleMilliseconds: 10);
        plan.Faults.Add(new TrdpSim.Plan.FaultPlan
        {
            Name = "gap", Kind = TrdpSim.Plan.FaultKind.Loss, Probability = 1, Target = new TrdpSim.Plan.FaultTarget { Device = "A" },
            Start = TimeSpan.FromMilliseconds(95), Stop = TimeSpan.FromMilliseconds(145),
        });
        using var h = new FaultHarness(plan, queueCapacity: 4);
        h.RunFor(TimeSpan.FromMilliseconds(400));

        Assert.Equal(5, h.Received.Lost);
        Assert.Equal(0, h.Received.SelfLost);
    }

    [Fact]
    public void JitterAcrossAStallIsKeptOutOfTheSubscriptionsFigures()
    {
        using var h = new FaultHarness(FaultHarness.TwoDevices(cycleMilliseconds: 10));
        h.RunFor(TimeSpan.FromMilliseconds(200));
        h.StallWheel(TimeSpan.FromMilliseconds(40));
        h.RunFor(TimeSpan.FromMilliseconds(200));

        var subscriber = h.Run.Telemetry.Groups[1].Jitter.Refresh();
        var inStalls = h.Run.Telemetry.StallJitter.Refresh();
        Assert.True(subscriber.Max < 20_000_000, $"the subscription's max interval {subscriber.Max} ns includes the stall");
        Assert.True(inStalls.Count >= 1 && inStalls.Max >= 40_000_000, $"{inStalls.Count} samples, max {inStalls.Max} ns");
    }

    [Fact]
    public void WithStallsInVerdictsEverythingCountsAgainstTheDevice()
    {
        var plan = FaultHarness.TwoDevices(cycleMilliseconds: 10);
        plan.Engine.StallsInVerdicts = true;
        using var h = new FaultHarness(plan);
        h.RunFor(TimeSpan.FromMilliseconds(200));
        h.StallWheel(TimeSpan.FromMilliseconds(120));
        h.RunFor(TimeSpan.FromMilliseconds(100));

        Assert.Equal(1, h.Received.SelfTimeouts); // still marked …
        Assert.Equal(new CountSample(1, 0), TimeoutsReader(h).Read()); // … and counted against the device

        h.StallWheel(TimeSpan.FromMilliseconds(40)); // shorter than the timeout: a jitter sample across it
        h.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.True(h.Run.Telemetry.Groups[1].Jitter.Refresh().Max >= 40_000_000);
    }

    [Fact]
    public void ByDefaultSelfInflictedTimeoutsAreLeftOutOfTheVerdict()
    {
        using var h = new FaultHarness(FaultHarness.TwoDevices(cycleMilliseconds: 10));
        h.RunFor(TimeSpan.FromMilliseconds(200));
        h.StallWheel(TimeSpan.FromMilliseconds(120));
        h.RunFor(TimeSpan.FromMilliseconds(100));

        Assert.Equal(1, h.Received.Timeouts);
        Assert.Equal(new CountSample(0, 0), TimeoutsReader(h).Read());
    }

    private static CountReader TimeoutsReader(FaultHarness h)
    {
        Assert.True(ThresholdSyntax.TryParse("pd_timeouts{device=B}", "count == 0", out var threshold, out var error), error.Message);
        return Assert.IsType<CountReader>(MetricBinder.Bind(threshold.Metric, h.Run.Telemetry));
    }

    private static TimeoutTap RecordTimeouts(FaultHarness h)
    {
        var tap = new TimeoutTap();
        foreach (var subscription in h.Run.Devices[1].Unicast.Subscriptions)
        {
            subscription.Tap = tap;
        }

        return tap;
    }

    private sealed class TimeoutTap : ISubscriptionTap
    {
        public List<bool> SelfInflicted { get; } = [];

        public void OnTelegram(Subscription subscription, uint sequence, uint source, ReadOnlySpan<byte> dataset, long now)
        {
        }

        public void OnTimeout(Subscription subscription, long now, bool selfInflicted) => SelfInflicted.Add(selfInflicted);
    }
}
