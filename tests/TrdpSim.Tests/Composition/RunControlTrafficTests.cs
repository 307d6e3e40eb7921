namespace TrdpSim.Tests.Composition;

/// <summary><see cref="RunControl"/>: cycles, rates, silence and the run-wide pause, on the in-memory network.</summary>
public sealed class RunControlTrafficTests
{
    private static readonly ControlScope Client = ControlScope.Http("test");

    [Fact]
    public void AWrongNameIsAnsweredAtTheCallAndNothingIsPosted()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        var call = h.Control.SetCycle(Client, "nope", TimeSpan.FromMilliseconds(5));
        Assert.False(call.Accepted);
        Assert.Equal(ControlOutcome.NotFound, call.Refusal!.Value.Outcome);
        Assert.Equal("no published telegram named 'nope'", call.Refusal.Value.Message);
        Assert.True(call.Completion.IsCompleted);
        Assert.Equal(0, h.Queued);

        Assert.Equal("no device named 'Z'", h.Control.SetCycle(Client, "out", TimeSpan.FromMilliseconds(5), "Z").Refusal!.Value.Message);
        Assert.Equal("no published telegram named 'out' on device 'B'", h.Control.SetCycle(Client, "out", TimeSpan.FromMilliseconds(5), "B").Refusal!.Value.Message);
        Assert.Equal(ControlOutcome.Invalid, h.Control.SetCycle(Client, "out", TimeSpan.Zero).Refusal!.Value.Outcome);
        Assert.Equal(ControlOutcome.Invalid, h.Control.SetRate(Client, "out", double.NaN).Refusal!.Value.Outcome);
        Assert.Equal("no device named 'Z'", h.Control.SilenceDevice(Client, "Z").Refusal!.Value.Message);
        Assert.Equal(0, h.Queued);
    }

    [Theory]
    [InlineData(0.01, null)]       // 10 µs: fired on every tick of the wheel
    [InlineData(360_000_000_000_000.0, null)] // 99,999,999 h: overflowed the wheel's nanoseconds into a negative cycle
    [InlineData(null, 1e308)]      // a cycle of 0 ns: billions of dropped cycles and a core spent
    [InlineData(null, 5000.0)]     // 0.2 ms
    [InlineData(null, 1e-300)]     // a cycle longer than long's nanoseconds
    public void ACycleOutsideThePlansBoundsIsRefusedAtTheCall(double? cycleMilliseconds, double? rate)
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        var call = cycleMilliseconds is { } ms
            ? h.Control.SetCycle(Client, "out", TimeSpan.FromMilliseconds(ms))
            : h.Control.SetRate(Client, "out", rate!.Value);

        Assert.False(call.Accepted);
        Assert.Equal(ControlOutcome.Invalid, call.Refusal!.Value.Outcome);
        Assert.Contains(cycleMilliseconds is null ? "a rate must be from one per 24 h to 1000 per second" : "a cycle must be from 1 ms to 24 h",
            call.Refusal.Value.Message, StringComparison.Ordinal);
        Assert.Equal(0, h.Queued);
        Assert.True(h.Apply(h.Control.SetRate(Client, "out", 1000)).IsApplied); // the bounds themselves are allowed
        Assert.True(h.Apply(h.Control.SetCycle(Client, "out", TimeSpan.FromHours(24))).IsApplied);
    }

    [Fact]
    public void ACycleIsChangedOnTheWheelAndTheCallCompletesOnlyThen()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices(count: 2));
        h.RunFor(TimeSpan.FromMilliseconds(100));
        var call = h.Control.SetCycle(Client, "out", TimeSpan.FromMilliseconds(5));
        Assert.True(call.Accepted);
        Assert.False(call.Completion.IsCompleted); // posted, not applied: the wheel has not run yet
        Assert.Equal(10_000_000, h.Publication(0).CycleNanoseconds);

        var result = h.Apply(call);
        Assert.Equal(ControlOutcome.Applied, result.Outcome);
        Assert.Equal("out", result.Subject);
        Assert.All(h.Run.Devices[0].Publications, p => Assert.Equal(5_000_000, p.CycleNanoseconds));

        var before = h.Sent.Sent;
        h.RunFor(TimeSpan.FromMilliseconds(100));
        Assert.InRange(h.Sent.Sent - before, 38, 42); // two instances at 200/s
    }

    [Fact]
    public void ARateIsTheCyclesInverse()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        Assert.True(h.Apply(h.Control.SetRate(Client, "out", 400, "A")).IsApplied);
        Assert.Equal(2_500_000, h.Publication().CycleNanoseconds);
    }

    [Fact]
    public void ATelegramSentOnlyWhenPulledHasNoCycleToChange()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices(pullOnly: true));
        var refused = h.Control.SetCycle(Client, "lookup", TimeSpan.FromMilliseconds(5)).Refusal!.Value;
        Assert.Equal(ControlOutcome.Invalid, refused.Outcome);
        Assert.Contains("only when pulled", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SilenceStopsADeviceOrOneTelegramAndIsNoConflictWhenRepeated()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices(count: 2));
        h.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.True(h.Apply(h.Control.SilenceDevice(Client, "A")).IsApplied);
        Assert.True(h.Apply(h.Control.SilenceDevice(Client, "A")).IsApplied);
        var before = h.Sent.Sent;
        h.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.Equal(before, h.Sent.Sent);

        Assert.True(h.Apply(h.Control.SilenceTelegram(Client, "out#1", silenced: false, device: "A")).IsApplied);
        Assert.True(h.Publication(0).Silenced);
        Assert.False(h.Publication(1).Silenced);
        h.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.InRange(h.Sent.Sent - before, 4, 6); // only out#1 sends again
    }

    [Fact]
    public void PauseStopsSendingWithoutDroppedCyclesAndResumeKeepsTheGrid()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        h.RunFor(TimeSpan.FromMilliseconds(95));
        Assert.Equal(ControlOutcome.Conflict, h.Apply(h.Control.Resume(Client)).Outcome);

        Assert.True(h.Apply(h.Control.Pause(Client)).IsApplied);
        Assert.True(h.Control.IsPaused);
        Assert.Equal(ControlOutcome.Conflict, h.Apply(h.Control.Pause(Client)).Outcome);
        var sent = h.Sent.Sent;
        h.RunFor(TimeSpan.FromMilliseconds(300));
        Assert.Equal(sent, h.Sent.Sent);

        Assert.True(h.Apply(h.Control.Resume(Client)).IsApplied);
        var deadline = h.Publication().DeadlineNanoseconds;
        h.RunFor(TimeSpan.FromMilliseconds(100));
        Assert.InRange(h.Sent.Sent - sent, 9, 11);
        Assert.Equal(0, h.Sent.DroppedCycles);
        Assert.Equal(0, (deadline - ControlHarness.Tick) % 10_000_000); // still the planned 10 ms grid
    }

    [Fact]
    public void PauseAlsoHoldsTheExtraFramesOfABabblingFault()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        var babble = new FaultPlan { Name = "chatter", Kind = FaultKind.Babble, Target = new FaultTarget { Device = "A" }, RateFactor = 10 };
        Assert.True(h.Apply(h.Control.Inject(Client, babble)).IsApplied);
        h.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.True(h.Sent.Sent > 30);

        Assert.True(h.Apply(h.Control.Pause(Client)).IsApplied);
        var sent = h.Sent.Sent;
        h.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.Equal(sent, h.Sent.Sent);
    }

    [Fact]
    public async Task WhilePausedSubscriptionsCountNoTimeoutAndOnResumeTheirWindowStartsAgain()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        h.RunFor(TimeSpan.FromMilliseconds(100));
        Assert.True(h.Received.Received > 5);
        Assert.True(h.Apply(h.Control.Pause(Client)).IsApplied);
        h.RunFor(TimeSpan.FromMilliseconds(300)); // six timeouts' worth of silence
        Assert.Equal(0, h.Received.Timeouts);

        // Resume and at once switch the publisher off: the subscription may only time out 50 ms after the
        // resume, not at the first sweep because its old window ran out during the pause.
        var resumed = h.Control.Resume(Client);
        var silenced = h.Control.SilenceDevice(Client, "A");
        h.Step();
        Assert.True((await resumed).IsApplied && (await silenced).IsApplied);
        h.RunFor(TimeSpan.FromMilliseconds(45));
        Assert.Equal(0, h.Received.Timeouts);
        h.RunFor(TimeSpan.FromMilliseconds(10));
        Assert.Equal(1, h.Received.Timeouts);
    }

    [Fact]
    public void WithoutAPauseTheSameSilenceIsATimeout()
    {
        // The counterpart of the test above: silence that is not a pause is the publisher's fault.
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        h.RunFor(TimeSpan.FromMilliseconds(100));
        Assert.True(h.Apply(h.Control.SilenceDevice(Client, "A")).IsApplied);
        h.RunFor(TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, h.Received.Timeouts);
    }

    [Fact]
    public void PauseStopsMdCallersWithoutSkippedCallsOrABurstOnResume()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices(notify: true));
        h.RunFor(TimeSpan.FromMilliseconds(20));
        Assert.True(h.Notes.Calls > 10);
        Assert.True(h.Apply(h.Control.Pause(Client)).IsApplied);
        var calls = h.Notes.Calls;
        h.RunFor(TimeSpan.FromMilliseconds(50));
        Assert.Equal(calls, h.Notes.Calls);

        Assert.True(h.Apply(h.Control.Resume(Client)).IsApplied);
        h.RunFor(TimeSpan.FromMilliseconds(10));
        Assert.InRange(h.Notes.Calls - calls, 9, 12); // 1000/s again, not the 50 calls due while paused
        Assert.Equal(0, h.Notes.Skipped);
    }
}
