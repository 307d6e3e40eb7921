namespace TrdpSim.Tests.Composition;

/// <summary><see cref="RunControl"/>: scopes (journal and undo, gate), the audit hook, and calls when the run
/// cannot take them.</summary>
public sealed class RunControlScopeTests
{
    [Fact]
    public async Task UndoTakesBackEveryJournaledChangeAndRepairsTheScopesFaults()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        var scope = new ControlScope(ControlActor.Scenario("s"), new ControlJournal());
        h.RunFor(TimeSpan.FromMilliseconds(20));
        var calls = new[]
        {
            h.Control.SetCycle(scope, "out", TimeSpan.FromMilliseconds(50)),
            h.Control.SilenceDevice(scope, "A"),
            h.Control.LockField(scope, "out", "count", 9),
            h.Control.SetField(scope, "out", "speed", 3),
            h.Control.Inject(scope, new FaultPlan { Name = "s-loss", Kind = FaultKind.Loss, Target = new FaultTarget { Device = "A" } }),
            h.Control.Pause(scope),
        };
        h.Step();
        foreach (var call in calls)
        {
            Assert.True((await call).IsApplied);
        }

        Assert.Equal(5, scope.Journal!.Count); // every change but the injection, which the journal owns as a fault
        Assert.Single(scope.Journal.Injected);
        Assert.Single(h.Run.Faults.Active);

        h.Control.Undo(scope, h.Wheel);
        var publication = h.Publication();
        Assert.Equal(10_000_000, publication.CycleNanoseconds);
        Assert.False(publication.Silenced);
        Assert.Null(publication.FindGenerator("count")!.Override);
        Assert.False(h.Control.IsPaused);
        Assert.Empty(h.Run.Faults.Active);
        Assert.Equal(0, scope.Journal.Count);
        Assert.Empty(scope.Journal.Injected);
        h.RunFor(TimeSpan.FromMilliseconds(20));
        var read = h.Control.ReadField("out", "speed");
        h.Step();
        Assert.Equal(0, Assert.Single((await read).Value!).Value);
    }

    [Fact]
    public void ChangesOfAnUnjournaledScopeStay()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        var scope = ControlScope.Http("10.1.1.1");
        Assert.True(h.Apply(h.Control.SetCycle(scope, "out", TimeSpan.FromMilliseconds(50))).IsApplied);
        h.Control.Undo(scope, h.Wheel);
        Assert.Equal(50_000_000, h.Publication().CycleNanoseconds);
    }

    [Fact]
    public void EveryAppliedChangeAndUndoIsAuditedWithItsActorAndTime()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        var observer = new RecordingObserver();
        h.Control.AddObserver(observer);
        var scope = new ControlScope(ControlActor.Scenario("brake"), new ControlJournal());
        h.RunFor(TimeSpan.FromMilliseconds(1));
        Assert.True(h.Apply(h.Control.SetCycle(scope, "out", TimeSpan.FromMilliseconds(20), "A")).IsApplied);
        Assert.Equal(ControlOutcome.Conflict, h.Apply(h.Control.Resume(scope)).Outcome); // refused: not audited
        Assert.False(h.Control.SilenceDevice(scope, "Z").Accepted);                        // refused: not audited

        var applied = Assert.Single(observer.Events);
        Assert.Equal(new ControlEvent(ControlActionKind.SetCycle, "A/out", "cycle 20 ms", ControlActor.Scenario("brake"),
            1_100_000, h.WallClock.Now, IsUndo: false), applied);
        Assert.Equal("scenario:brake", applied.Actor.Name);

        h.Step();
        h.Control.Undo(scope, h.Wheel);
        var undone = observer.Events[^1];
        Assert.True(undone.IsUndo);
        Assert.Equal((ControlActionKind.SetCycle, "A/out", "cycle 10 ms", 1_300_000L), (undone.Action, undone.Target, undone.Detail, undone.MonotonicNanoseconds));

        h.Control.RemoveObserver(observer);
        Assert.True(h.Apply(h.Control.Pause(ControlScope.Http("x"))).IsApplied);
        Assert.Equal(2, observer.Events.Count);
    }

    [Fact]
    public void AFailingObserverIsCountedAndTheChangeStands()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        h.Control.AddObserver(new ThrowingObserver());
        var result = h.Apply(h.Control.SilenceDevice(ControlScope.Host, "A"));
        Assert.True(result.IsApplied);
        Assert.True(h.Publication().Silenced);
        Assert.Equal(1, h.Control.ObserverFailures);
    }

    [Fact]
    public void AGateRefusesAChangeOnTheWheelAsAConflictWithItsReason()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        var open = true;
        var scope = new ControlScope(ControlActor.Scenario("s"), new ControlJournal(), (action, target) => open ? null : $"closed for {action} of {target}");
        var call = h.Control.SetCycle(scope, "out", TimeSpan.FromMilliseconds(50));
        open = false; // the state that counts is the wheel's, when the change arrives
        var result = h.Apply(call);
        Assert.Equal(ControlOutcome.Conflict, result.Outcome);
        Assert.Equal("closed for SetCycle of out", result.Message);
        Assert.Equal(10_000_000, h.Publication().CycleNanoseconds);
        Assert.Equal(0, scope.Journal!.Count);
    }

    [Fact]
    public void AFullQueueIsUnavailableAtTheCall()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        h.AcceptPosts = false;
        var call = h.Control.Pause(ControlScope.Host);
        Assert.False(call.Accepted);
        Assert.Equal(ControlOutcome.Unavailable, call.Refusal!.Value.Outcome);
        Assert.Equal(0, h.Control.Pending);
    }

    [Fact]
    public async Task ClosingAnswersTheCallsStillWaitingAndRefusesLaterOnes()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        var waiting = h.Control.SilenceDevice(ControlScope.Host, "A");
        var read = h.Control.ReadField("out", "count");
        Assert.Equal(2, h.Control.Pending);

        h.Control.Close();
        Assert.Equal(ControlOutcome.Unavailable, (await waiting).Outcome);
        Assert.Equal(ControlOutcome.Unavailable, (await read).Outcome);
        Assert.Equal(0, h.Control.Pending);
        Assert.Equal(ControlOutcome.Unavailable, h.Control.Pause(ControlScope.Host).Refusal!.Value.Outcome);

        h.Step(); // the wheel running the old command late changes nothing about the answer given
        Assert.Equal(ControlOutcome.Unavailable, (await waiting).Outcome);
    }

    [Fact]
    public async Task AnyChangeCanBeMadeAsAControlAction()
    {
        using var h = new ControlHarness(ControlHarness.TwoDevices());
        var observer = new RecordingObserver();
        h.Control.AddObserver(observer);
        var ran = 0L;
        var call = h.Control.Apply(ControlScope.Host, ControlActionKind.StopScenario, "all", string.Empty, context =>
        {
            ran = context.NowNanoseconds;
            return ControlResult.Applied("all", "done");
        });
        h.Step();
        Assert.Equal("done", (await call).Message);
        Assert.Equal(h.Now, ran);
        Assert.Equal("host", Assert.Single(observer.Events).Actor.Name);
    }

    private sealed class ThrowingObserver : IControlObserver
    {
        public void OnControlApplied(in ControlEvent applied) => throw new InvalidOperationException("observer broke");
    }
}
