using TrdpSim.Scheduling;

namespace TrdpSim.Tests.Scheduling;

/// <summary>Stalls of trdpsim's own threads, fed with injected clock jumps (a thread that checks in long after it
/// promised): what counts as a stall, when an effect fell inside one, and how long trdpsim was stalled in all.</summary>
public sealed class StallMonitorTests
{
    private const long Ms = 1_000_000;

    [Fact]
    public void ACheckInLaterThanPromisedByMoreThanTheThresholdIsAStall()
    {
        var monitor = new StallMonitor(5 * Ms);
        var wheel = monitor.CreateProbe(StallSources.Wheel, "wheel");

        wheel.Due(100 * Ms);
        Assert.False(wheel.CheckIn(104 * Ms)); // 4 ms late: scheduling noise
        wheel.Due(200 * Ms);
        Assert.True(wheel.CheckIn(231 * Ms)); // the clock jumped 31 ms past the promise

        var totals = monitor.Totals();
        Assert.Equal(1, totals.Stretches);
        Assert.Equal(31 * Ms, totals.TotalNanoseconds);
        Assert.Equal(31 * Ms, totals.LongestNanoseconds);
        Assert.Equal(new StallSourceTotals(StallSources.Wheel, 1, 31 * Ms, 31 * Ms), totals.BySource[0]);
        Assert.Equal("wheel", Assert.Single(totals.ByThread).Name);
    }

    [Fact]
    public void AnIdleThreadIsNeverStalled()
    {
        var monitor = new StallMonitor(5 * Ms);
        var scripts = monitor.CreateProbe(StallSources.Scripts, "scenario");
        scripts.Idle();
        Assert.False(scripts.CheckIn(10_000 * Ms));
        Assert.False(monitor.StalledAt(500 * Ms, 10_000 * Ms, StallSources.All));
    }

    [Fact]
    public void AnEffectIsInsideARecordedStallWhenItsMomentFallsBetweenTheStartAndTheEndPlusOneThreshold()
    {
        var monitor = new StallMonitor(5 * Ms);
        var receive = monitor.CreateProbe(StallSources.PdReceive, "rx-B");
        receive.Due(1_000 * Ms);
        receive.CheckIn(1_101 * Ms); // stalled [1000, 1101] ms
        receive.Due(1_300 * Ms);     // back in its receive call, due again at 1300 ms

        Assert.True(monitor.StalledAt(1_050 * Ms, 1_200 * Ms, StallSources.PdReceive));
        Assert.True(monitor.StalledAt(1_105 * Ms, 1_200 * Ms, StallSources.PdReceive)); // the catch-up right after
        Assert.False(monitor.StalledAt(1_107 * Ms, 1_200 * Ms, StallSources.PdReceive));
        Assert.False(monitor.StalledAt(999 * Ms, 1_200 * Ms, StallSources.PdReceive));
        Assert.False(monitor.StalledAt(1_050 * Ms, 1_200 * Ms, StallSources.Wheel | StallSources.MdReceive)); // another thread's stall
        Assert.True(monitor.Affected(900 * Ms, 1_000 * Ms, 1_200 * Ms, StallSources.All));
        Assert.False(monitor.Affected(1_102 * Ms, 1_200 * Ms, 1_200 * Ms, StallSources.All));
    }

    [Fact]
    public void AThreadBusyForLongerThanTheThresholdAfterCheckingInIsStalledInProgress()
    {
        var monitor = new StallMonitor(5 * Ms);
        var wheel = monitor.CreateProbe(StallSources.Wheel, "wheel");
        wheel.Due(100 * Ms);
        Assert.False(wheel.CheckIn(100 * Ms)); // on time, then busy (firing, sending) without a new promise
        Assert.False(monitor.StalledAt(103 * Ms, 104 * Ms, StallSources.Wheel));
        Assert.True(monitor.StalledAt(103 * Ms, 140 * Ms, StallSources.Wheel));
    }

    [Fact]
    public void AStallInProgressIsSeenBeforeTheThreadHasNoticedIt()
    {
        var monitor = new StallMonitor(5 * Ms);
        var wheel = monitor.CreateProbe(StallSources.Wheel, "wheel");
        wheel.Due(1_000 * Ms); // the wheel promised to be back at 1000 ms and has not checked in since

        Assert.False(monitor.StalledAt(1_002 * Ms, 1_004 * Ms, StallSources.Wheel)); // only 4 ms overdue: not yet
        Assert.True(monitor.StalledAt(1_002 * Ms, 1_031 * Ms, StallSources.Wheel));
        Assert.False(monitor.StalledAt(990 * Ms, 1_031 * Ms, StallSources.Wheel)); // before it was due
        Assert.True(monitor.Affected(1_020 * Ms, 1_030 * Ms, 1_031 * Ms, StallSources.Wheel));
        Assert.Equal(0, monitor.Totals().Stretches); // nothing recorded until it checks in
    }

    [Fact]
    public void OneHostFreezeSeenByEveryThreadCountsOnceInTheUnion()
    {
        var monitor = new StallMonitor(5 * Ms);
        var wheel = monitor.CreateProbe(StallSources.Wheel, "wheel");
        var rx = monitor.CreateProbe(StallSources.PdReceive, "rx-A");
        var md = monitor.CreateProbe(StallSources.MdReceive, "md-A");

        wheel.Due(100 * Ms);
        wheel.CheckIn(200 * Ms);  // [100, 200]
        rx.Due(102 * Ms);
        rx.CheckIn(201 * Ms);     // [102, 201]
        md.Due(50 * Ms);
        md.CheckIn(120 * Ms);     // [50, 120]
        wheel.Due(500 * Ms);
        wheel.CheckIn(510 * Ms);  // [500, 510], a second stretch

        var totals = monitor.Totals();
        Assert.Equal(2, totals.Stretches);
        Assert.Equal((201 - 50 + 10) * Ms, totals.TotalNanoseconds);
        Assert.Equal((201 - 50) * Ms, totals.LongestNanoseconds);
        Assert.Equal(2, totals.BySource[0].Count);
        Assert.Equal(110 * Ms, totals.BySource[0].TotalNanoseconds);
        Assert.Equal(99 * Ms, totals.BySource[1].TotalNanoseconds);
    }

    [Fact]
    public void OverlappingReportsOfOneThreadAreNotCountedTwice()
    {
        // The scripts worker reports each late event: a queue of events all held back by one slow callback
        // overlaps. The thread's own total counts the time once.
        var monitor = new StallMonitor(5 * Ms);
        var scripts = monitor.CreateProbe(StallSources.Scripts, "scenario");
        scripts.Due(0);
        scripts.CheckIn(50 * Ms);
        scripts.Due(10 * Ms);
        scripts.CheckIn(60 * Ms);

        var source = monitor.Totals().BySource[3];
        Assert.Equal(2, source.Count);
        Assert.Equal(60 * Ms, source.TotalNanoseconds);
        Assert.Equal(60 * Ms, monitor.Totals().TotalNanoseconds);
    }

    [Fact]
    public void AWakeMovesTheWheelsPromiseForward()
    {
        var monitor = new StallMonitor(5 * Ms);
        var wheel = monitor.CreateProbe(StallSources.Wheel, "wheel");
        wheel.Due(10_000 * Ms);      // asleep until a far deadline
        wheel.DueNoLaterThan(100 * Ms); // woken at 100 ms: due now
        wheel.DueNoLaterThan(5_000 * Ms); // a later wake does not move it back
        Assert.Equal(100 * Ms, wheel.DueNanoseconds);
        Assert.True(wheel.CheckIn(140 * Ms)); // took 40 ms to respond
    }

    [Fact]
    public void TheThresholdMustBePositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new StallMonitor(0));
}
