using TrdpSim.Tests.Faults;

namespace TrdpSim.Tests.Devices;

/// <summary>What a subscriber counts as lost, restarted or jumped, on the deterministic in-memory harness.</summary>
public sealed class LossCountingTests
{
    /// <summary>A loss fault striking 20 consecutive frames of a 10 ms publication (frames due from 100 ms to
    /// 290 ms of the run).</summary>
    private static FaultHarness TwentyLostFrames(TimeSpan subscriberTimeout)
    {
        var plan = FaultHarness.TwoDevices(cycleMilliseconds: 10);
        plan.Devices[1].Subscriptions[0].Timeout = subscriberTimeout;
        plan.Faults.Add(new FaultPlan
        {
            Name = "gap", Kind = FaultKind.Loss, Probability = 1, Target = new FaultTarget { Device = "A" },
            Start = TimeSpan.FromMilliseconds(95), Stop = TimeSpan.FromMilliseconds(295),
        });
        return new FaultHarness(plan);
    }

    /// <summary>Interop finding: with a 30 ms timeout the subscription timed out in the gap, the timeout reset
    /// the sequence state, and the 20 missing frames were counted as <c>lost 0</c>.</summary>
    [Theory]
    [InlineData(30)]
    [InlineData(1000)]
    public void FramesLostInAGapAreCountedWhetherOrNotTheSubscriptionTimedOut(int timeoutMilliseconds)
    {
        using var h = TwentyLostFrames(TimeSpan.FromMilliseconds(timeoutMilliseconds));
        h.RunFor(TimeSpan.FromSeconds(1));

        Assert.Equal(20, h.Run.Telemetry.Faults()[0].Strikes);
        Assert.Equal(20, h.Received.Lost);
        Assert.Equal(timeoutMilliseconds < 200 ? 1 : 0, h.Received.Timeouts);
        Assert.Equal(h.Sent.Sent, h.Received.Received);
    }

    [Fact]
    public void FramesAFaultWithheldAreCountedAsStruckSoThatSentPlusStruckIsTheCyclesPlayed()
    {
        using var h = TwentyLostFrames(TimeSpan.FromMilliseconds(30));
        h.RunFor(TimeSpan.FromSeconds(1));

        var sent = h.Sent;
        Assert.Equal(20, sent.Struck);
        Assert.Equal(100, sent.Sent + sent.Struck); // 1 s of 10 ms cycles
        Assert.Equal(sent.Struck, h.Received.Lost);  // every withheld frame is a gap the subscriber counted
    }

    [Fact]
    public void TheThresholdLossRatioReadsTheSameCounts()
    {
        using var h = TwentyLostFrames(TimeSpan.FromMilliseconds(30));
        h.RunFor(TimeSpan.FromSeconds(1));
        Assert.True(ThresholdSyntax.TryParse("pd_loss_ratio{device=B}", "rate < 0.01", out var threshold, out var error), error.Message);

        var reader = Assert.IsType<CountReader>(MetricBinder.Bind(threshold.Metric, h.Run.Telemetry));
        var received = h.Received;
        Assert.Equal(new CountSample(20, received.Received + 20), reader.Read());
        Assert.Equal(80, received.Received);
    }

    [Fact]
    public void ARebootAfterASilenceIsARestartNotLoss()
    {
        var plan = FaultHarness.TwoDevices(cycleMilliseconds: 10);
        plan.Devices[1].Subscriptions[0].Timeout = TimeSpan.FromMilliseconds(30);
        var target = new FaultTarget { Device = "A" };
        plan.Faults.Add(new FaultPlan { Name = "off", Kind = FaultKind.Silence, Target = target, Start = TimeSpan.FromMilliseconds(95), Stop = TimeSpan.FromMilliseconds(495) });
        plan.Faults.Add(new FaultPlan { Name = "reboot", Kind = FaultKind.SequenceFault, SequenceMode = SequenceFaultMode.Reset, Target = target, Start = TimeSpan.FromMilliseconds(495) });
        using var h = new FaultHarness(plan);
        h.RunFor(TimeSpan.FromSeconds(1));

        Assert.Equal(40, h.Sent.Struck);
        var received = h.Received;
        Assert.Equal((1L, 1L, 0L, 0L), (received.Timeouts, received.Restarts, received.Lost, received.SequenceJumps));
        Assert.Equal(h.Sent.Sent, received.Received);
    }

    [Fact]
    public void AJumpFurtherThanTheElapsedTimePermitsIsCountedApartFromLoss()
    {
        var plan = FaultHarness.TwoDevices(cycleMilliseconds: 10);
        plan.Faults.Add(new FaultPlan
        {
            Name = "jump", Kind = FaultKind.SequenceFault, SequenceMode = SequenceFaultMode.Jump, SequenceStep = 1_000_000,
            Target = new FaultTarget { Device = "A" }, Start = TimeSpan.FromMilliseconds(95),
        });
        using var h = new FaultHarness(plan);
        h.RunFor(TimeSpan.FromSeconds(1));

        var received = h.Received;
        Assert.Equal((1L, 0L, 0L), (received.SequenceJumps, received.Lost, received.Restarts));
        Assert.Equal(h.Sent.Sent, received.Received);
    }
}
