namespace TrdpSim.Tests.Pipeline;

/// <summary>The watch of the thread pool that MD over TCP receives on: a pool that runs it later than the stall
/// threshold is a stall of trdpsim's MD receiving, so the TCP timeouts and round trips inside it are self-inflicted.</summary>
public sealed class TcpIoWatchTests
{
    private const long Ms = 1_000_000;

    [Fact]
    public void APoolThatRunsTheWatchLateIsAStallOfMdReceiving()
    {
        var monitor = new StallMonitor(5 * Ms);
        var watch = new TcpIoWatch(monitor.CreateProbe(StallSources.MdReceive, "tcp-io"));
        long queuedAt = MonotonicClock.NowNanoseconds() - (40 * Ms); // as if the pool had held it for 40 ms

        watch.Run(queuedAt);
        WaitForRuns(watch, 1);

        var totals = monitor.Totals();
        Assert.Equal(1, totals.Stretches);
        Assert.InRange(totals.LongestNanoseconds, 40 * Ms, 10_000 * Ms);
        Assert.Equal("tcp-io", Assert.Single(totals.ByThread).Name);
        long now = MonotonicClock.NowNanoseconds();
        Assert.True(monitor.Affected(queuedAt + Ms, queuedAt + (2 * Ms), now, SelfInflictedCheck.MdSources));
        Assert.False(monitor.Affected(queuedAt + Ms, queuedAt + (2 * Ms), now, SelfInflictedCheck.PdSources));
    }

    [Fact]
    public void AWatchThePoolRunsAtOnceRecordsNothingAndLeavesTheProbeIdle()
    {
        var monitor = new StallMonitor(5 * Ms);
        var watch = new TcpIoWatch(monitor.CreateProbe(StallSources.MdReceive, "tcp-io"));

        watch.Run(MonotonicClock.NowNanoseconds());
        WaitForRuns(watch, 1);

        Assert.Equal(0, monitor.Totals().Stretches);
        Assert.Equal(long.MaxValue, watch.Probe.DueNanoseconds); // no promise open: nothing shows as a stall in progress
    }

    [Fact]
    public void TheWheelQueuesTheWatchAtMostOncePerInterval()
    {
        var watch = new TcpIoWatch(new StallMonitor(5 * Ms).CreateProbe(StallSources.MdReceive, "tcp-io"));
        long start = MonotonicClock.NowNanoseconds();

        watch.Run(start);
        WaitForRuns(watch, 1);
        watch.Run(start + TcpIoWatch.IntervalNanoseconds - 1);
        Thread.Sleep(100);
        Assert.Equal(1, watch.Runs);

        watch.Run(start + TcpIoWatch.IntervalNanoseconds);
        WaitForRuns(watch, 2);
    }

    private static void WaitForRuns(TcpIoWatch watch, long runs) =>
        Assert.True(SpinWait.SpinUntil(() => watch.Runs >= runs, 10_000), $"the pool ran the watch {watch.Runs} times, expected {runs}");
}
