namespace TrdpSim.Tests.Scheduling;

/// <summary>The wheel sleeps through ticks without work, and work from other threads wakes it at once: an inbox
/// drained before the due timers, commands, stopping.</summary>
public sealed class WheelDriverWakeTests
{
    private const long Millisecond = 1_000_000;

    private static (TimingWheel Wheel, WheelDriver Driver) Create(IWheelTickListener? listener, int maxIdleTicks = 4096, StallProbe? probe = null)
    {
        var wheel = new TimingWheel(100_000, 4096, MonotonicClock.NowNanoseconds());
        var driver = new WheelDriver(wheel, new EfficientWaitStrategy(), listener,
            new WheelDriverOptions { MaxIdleTicks = maxIdleTicks, StallProbe = probe });
        return (wheel, driver);
    }

    [Fact]
    public void AWakeRunsTheInboxAtOnceInsteadOfAtTheNextDeadline()
    {
        var inbox = new InboxListener();
        (TimingWheel wheel, WheelDriver driver) = Create(inbox);
        using (driver)
        {
            wheel.Schedule(new RecordingTimer(), wheel.StartNanoseconds + (300 * Millisecond)); // far work only
            driver.Start();
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref inbox.Drains) >= 1, TimeSpan.FromSeconds(10))); // first wake-up
            Thread.Sleep(20); // now asleep until the far timer
            var before = Volatile.Read(ref inbox.Drains);

            var clock = Stopwatch.StartNew();
            Interlocked.Increment(ref inbox.Queued);
            driver.Wake();
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref inbox.Handled) >= 1, TimeSpan.FromSeconds(10)), "the wake was lost");
            Assert.True(clock.ElapsedMilliseconds < 250, $"handled after {clock.ElapsedMilliseconds} ms: the wheel waited for its deadline");
            Assert.True(Volatile.Read(ref inbox.Drains) > before);
            Assert.True(driver.Stop());
            Assert.True(driver.Stats.EarlyWakes >= 1);
        }
    }

    [Fact]
    public void StopEndsALongSleepAtOnce()
    {
        (TimingWheel wheel, WheelDriver driver) = Create(null);
        using (driver)
        {
            wheel.Schedule(new RecordingTimer(), wheel.StartNanoseconds + (60_000 * Millisecond));
            driver.Start();
            Thread.Sleep(20);
            var clock = Stopwatch.StartNew();
            Assert.True(driver.Stop());
            Assert.True(clock.ElapsedMilliseconds < 1_000, $"stop took {clock.ElapsedMilliseconds} ms");
        }
    }

    [Fact]
    public void TheInboxIsDrainedBeforeTheDueTimersFire()
    {
        // A reply that arrived before its timeout must be seen before the timeout fires, even when the wheel wakes
        // after both: the driver runs BeforeAdvance (the inbox) first, then the due timers.
        var order = new List<string>();
        var listener = new OrderListener(order);
        (TimingWheel wheel, WheelDriver driver) = Create(listener, maxIdleTicks: 1);
        using (driver)
        {
            var timeout = new RecordingTimer { OnFire = (_, _) => { lock (order) { order.Add("timer"); } } };
            wheel.Schedule(timeout, wheel.StartNanoseconds + Millisecond);
            listener.Armed = true;
            driver.Start();
            Assert.True(SpinWait.SpinUntil(() => timeout.FiredCount == 1, TimeSpan.FromSeconds(10)));
            Assert.True(driver.Stop());
        }

        lock (order)
        {
            var timer = order.IndexOf("timer");
            Assert.True(timer > 0 && order[timer - 1] == "before", string.Join(",", order));
        }
    }

    [Fact]
    public void AWakeUpLaterThanTheThresholdIsRecordedAsAStallOfTheWheel()
    {
        var monitor = new StallMonitor(5 * Millisecond);
        var probe = monitor.CreateProbe(StallSources.Wheel, "wheel");
        var listener = new BlockingListener(blockOnCall: 3, TimeSpan.FromMilliseconds(40));
        (TimingWheel wheel, WheelDriver driver) = Create(listener, maxIdleTicks: 1, probe);
        using (driver)
        {
            wheel.Schedule(new CyclicTimer(wheel.StartNanoseconds + Millisecond, Millisecond), wheel.StartNanoseconds + Millisecond);
            driver.Start();
            // (A loaded machine may add stalls of its own; the one the listener causes is at least 30 ms long.)
            Assert.True(SpinWait.SpinUntil(() => monitor.Totals().BySource[0].LongestNanoseconds >= 30 * Millisecond, TimeSpan.FromSeconds(10)),
                $"no 40 ms stall recorded: {monitor.Totals()}");
            Assert.True(driver.Stop());
        }

        var wheelStalls = monitor.Totals().BySource[0];
        Assert.Equal(StallSources.Wheel, wheelStalls.Source);
        Assert.True(wheelStalls.LongestNanoseconds >= 30 * Millisecond, $"longest {wheelStalls.LongestNanoseconds} ns");
    }

    [Fact]
    public void AWheelThreadThatDoesNotGetToRunIsStalledFromItsStartAndTheStallIsSeenWhileItLasts()
    {
        // A run's first timeouts fall while the wheel has not sent yet: a thread that the host does not run (here:
        // held in its set-up) must show as stalled at those deadlines, not only once it has run.
        var monitor = new StallMonitor(5 * Millisecond);
        var probe = monitor.CreateProbe(StallSources.Wheel, "wheel");
        using var release = new ManualResetEventSlim();
        var wheel = new TimingWheel(100_000, 4096, MonotonicClock.NowNanoseconds());
        using var driver = new WheelDriver(wheel, new EfficientWaitStrategy(), null,
            new WheelDriverOptions { StallProbe = probe, OnThreadStart = () => release.Wait(TimeSpan.FromSeconds(10)) });
        long started = MonotonicClock.NowNanoseconds();
        driver.Start();
        Thread.Sleep(60);
        long deadline = started + (30 * Millisecond);
        Assert.True(monitor.StalledAt(deadline, MonotonicClock.NowNanoseconds(), StallSources.Wheel),
            "a deadline 30 ms after the start of a wheel thread that has not run was not seen as inside a stall");

        release.Set();
        Assert.True(SpinWait.SpinUntil(() => monitor.Totals().BySource[0].LongestNanoseconds >= 50 * Millisecond, TimeSpan.FromSeconds(10)),
            $"the late start was not recorded: {monitor.Totals()}");
        Assert.True(monitor.StalledAt(deadline, MonotonicClock.NowNanoseconds(), StallSources.Wheel), "the recorded stall does not cover the deadline");
        Assert.True(driver.Stop());
    }

    [Fact]
    public void APromiseMadeBeforeTheStartIsKeptAndTicksDueBeforeTheThreadRanAreNotAStall()
    {
        var monitor = new StallMonitor(50 * Millisecond); // above a loaded test host's own scheduling noise
        var probe = monitor.CreateProbe(StallSources.Wheel, "wheel");
        // A wheel made 200 ms before its driver starts, with work due then: that is set-up time, not a stall.
        var wheel = new TimingWheel(100_000, 4096, MonotonicClock.NowNanoseconds() - (200 * Millisecond));
        wheel.Schedule(new RecordingTimer(), wheel.StartNanoseconds + Millisecond);
        using var driver = new WheelDriver(wheel, new EfficientWaitStrategy(), null, new WheelDriverOptions { StallProbe = probe });
        long promised = MonotonicClock.NowNanoseconds() + (20 * Millisecond);
        probe.Due(promised);
        driver.Start();
        Thread.Sleep(50);
        Assert.True(driver.Stop());
        Assert.Equal(0, monitor.Totals().BySource[0].Count);
    }

    private sealed class InboxListener : IWheelTickListener
    {
        public int Queued;
        public int Handled;
        public int Drains;

        public void BeforeAdvance(long nowNanoseconds)
        {
            Interlocked.Increment(ref Drains);
            while (Volatile.Read(ref Queued) > 0)
            {
                Interlocked.Decrement(ref Queued);
                Interlocked.Increment(ref Handled);
            }
        }

        public void AfterTick(long nowNanoseconds, int fired)
        {
        }
    }

    private sealed class OrderListener(List<string> order) : IWheelTickListener
    {
        public volatile bool Armed;

        public void BeforeAdvance(long nowNanoseconds)
        {
            if (Armed)
            {
                lock (order)
                {
                    order.Add("before");
                }
            }
        }

        public void AfterTick(long nowNanoseconds, int fired)
        {
            if (Armed)
            {
                lock (order)
                {
                    order.Add("after");
                }
            }
        }
    }

    private sealed class BlockingListener(int blockOnCall, TimeSpan block) : IWheelTickListener
    {
        private int _calls;

        public void AfterTick(long nowNanoseconds, int fired)
        {
            if (Interlocked.Increment(ref _calls) == blockOnCall)
            {
                Thread.Sleep(block); // the wheel thread is busy: its next wake-up comes that much late
            }
        }
    }
}
