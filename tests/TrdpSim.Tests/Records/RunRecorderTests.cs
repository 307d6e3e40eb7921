using TrdpSim.Records;
using TrdpSim.Scheduling;
using TrdpSim.Telemetry;
using Xunit;

namespace TrdpSim.Tests.Records;

/// <summary>The recorder writes a fault's start and end at the times the fault began and stopped acting, not at
/// its once-a-second poll: a fault shorter than a poll is still in the record, and where it was.</summary>
public sealed class RunRecorderTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    [Fact]
    public void AFaultThatActsBetweenTwoPollsIsRecordedAtItsOwnTimes()
    {
        var telemetry = new RunTelemetry("plan");
        var blink = new ScriptedFault("blink");
        (RunRecorder recorder, long start) = Begin(telemetry);
        telemetry.AddFault(blink);
        Thread.Sleep(30);
        blink.Act();
        Thread.Sleep(40);
        blink.Repair();
        recorder.Finish(new RunFinish(RunState.Completed, DateTime.UtcNow, "completed", null, null));

        // The recorder's first poll is a second after the start; this fault was over by then.
        Assert.True(MonotonicClock.NowNanoseconds() - start < 1_000_000_000, "the run took longer than a poll: the test proves nothing");
        IReadOnlyList<StoredEvent> events = _fixture.Store.Load(recorder.Id).Events;
        Assert.Equal(2, events.Count);
        Assert.Equal((StoredEventKinds.FaultStart, "blink", (blink.BeganActingNanoseconds - start) / 1_000_000),
            (events[0].Kind, events[0].Subject, events[0].AtMilliseconds));
        Assert.Equal((StoredEventKinds.FaultEnd, "blink", (blink.StoppedActingNanoseconds - start) / 1_000_000),
            (events[1].Kind, events[1].Subject, events[1].AtMilliseconds));
        Assert.InRange(events[1].AtMilliseconds - events[0].AtMilliseconds, 40, 999);
        Assert.StartsWith("loss repaired", events[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AFaultRepairedBeforeItActedLeavesNoEventAndOneStillActingEndsWithTheRun()
    {
        var telemetry = new RunTelemetry("plan");
        var never = new ScriptedFault("never");
        var lasting = new ScriptedFault("lasting");
        (RunRecorder recorder, long start) = Begin(telemetry);
        telemetry.AddFault(never);
        telemetry.AddFault(lasting);
        lasting.Act();
        never.Repair();
        recorder.Finish(new RunFinish(RunState.Completed, DateTime.UtcNow, "completed", null, null));

        IReadOnlyList<StoredEvent> events = _fixture.Store.Load(recorder.Id).Events;
        Assert.All(events, e => Assert.Equal("lasting", e.Subject));
        Assert.Equal([StoredEventKinds.FaultStart, StoredEventKinds.FaultEnd], events.Select(e => e.Kind));
        Assert.Equal((lasting.BeganActingNanoseconds - start) / 1_000_000, events[0].AtMilliseconds);
        Assert.Equal("run ended", events[1].Detail);
    }

    private (RunRecorder Recorder, long Start) Begin(RunTelemetry telemetry)
    {
        RunWriter writer = _fixture.Store.Begin(StoreFixture.Start() with { Groups = RunRecorder.Groups(telemetry), Thresholds = [] }, DateTime.UtcNow);
        long start = MonotonicClock.NowNanoseconds();
        return (RunRecorder.Start(writer, telemetry, null, null, start), start);
    }

    public void Dispose() => _fixture.Dispose();

    /// <summary>A fault the test starts and repairs by hand, as the fault library's would on the wheel.</summary>
    private sealed class ScriptedFault(string name) : FaultTelemetry
    {
        public override string Name => name;

        public override string KindName => "loss";

        public override string TargetText => "a/out";

        public override int TargetCount => 1;

        public void Act() => NoteActing(true);

        public void Repair()
        {
            Attached = false;
            NoteActing(false);
        }
    }
}
