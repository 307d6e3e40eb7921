namespace TrdpSim.Tests.Scheduling;

public sealed class TimingWheelPeriodicTests
{
    private const long Tick = 100_000;              // 100 µs
    private const long Start = 5_000_000_000_123;   // arbitrary, not tick-aligned epoch

    [Fact]
    public void ReArmFromScheduledDeadlineKeepsExactGridOverOneMillionTicks()
    {
        var wheel = new TimingWheel(Tick, 1024, Start);
        long[] intervals = [1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 3_333_333, 250_001];
        var timers = new CyclicTimer[intervals.Length];
        for (int i = 0; i < intervals.Length; i++)
        {
            // Lateness bound: one tick of quantisation plus the jitter added to "now" below.
            timers[i] = new CyclicTimer(Start + 777 + (i * 12_345), intervals[i], maxLatenessNanoseconds: Tick + (Tick / 2));
            Assert.True(wheel.Schedule(timers[i], timers[i].FirstDeadline));
        }

        var random = new Random(7);
        const int ticks = 1_000_000;
        long now = Start;
        for (int k = 1; k <= ticks; k++)
        {
            now = Start + (k * Tick) + random.NextInt64(0, Tick / 2); // a noisy driver, still on the grid
            wheel.Advance(now);
        }

        for (int i = 0; i < timers.Length; i++)
        {
            CyclicTimer t = timers[i];
            long expected = ((now - t.FirstDeadline) / t.Interval) + 1;
            long behind = now - (t.FirstDeadline + ((expected - 1) * t.Interval)); // last due deadline may sit in an unprocessed tick
            Assert.True(t.Fired == expected || (t.Fired == expected - 1 && behind < Tick), $"interval {t.Interval}: fired {t.Fired}, expected {expected}");
            Assert.Equal(0, t.GridErrors);
            Assert.Equal(0, t.EarlyFires);
            Assert.Equal(0, t.LateFires);
            Assert.Equal(t.FirstDeadline + (t.Fired * t.Interval), t.DeadlineNanoseconds);
        }
    }

    [Fact]
    public void CatchUpAfterStallFiresEveryMissedCycleWithItsOwnDeadline()
    {
        var wheel = new TimingWheel(Tick, 64, Start);
        var timer = new CyclicTimer(Start + 1_000_000, 1_000_000); // 1 ms on 100 µs ticks
        wheel.Schedule(timer, timer.FirstDeadline);

        for (long now = Start; now <= Start + 10_000_000; now += Tick)
        {
            wheel.Advance(now);
        }

        Assert.Equal(10, timer.Fired);

        // One-second stall: a single Advance processes all 10,000 missed ticks.
        int fired = wheel.Advance(Start + 1_010_000_000);
        Assert.Equal(1_000, fired);
        Assert.Equal(1_010, timer.Fired);
        Assert.Equal(0, timer.GridErrors);
        Assert.Equal(0, timer.EarlyFires);
        Assert.Equal(Start + 1_011_000_000, timer.DeadlineNanoseconds);
        Assert.Equal(Start + 1_010_100_000, wheel.NextTickNanoseconds);
    }

    [Fact]
    public void PublisherCanSkipMissedCyclesFromOnExpiredAndStayOnGrid()
    {
        var wheel = new TimingWheel(Tick, 64, Start);
        var timer = new SkippingCyclicTimer(1_000_000);
        wheel.Schedule(timer, Start + 1_000_000);
        wheel.Advance(Start + 1_000_000);
        Assert.Equal(1, timer.Fired);

        wheel.Advance(Start + 1_002_500_000); // ~1 s stall
        Assert.Equal(2, timer.Fired);
        Assert.Equal(1_000, timer.Dropped);
        Assert.Equal(Start + 1_003_000_000, timer.DeadlineNanoseconds);
        Assert.True(timer.IsScheduled);
    }

    [Fact]
    public void RandomScheduleCancelAdvanceMatchesModel()
    {
        var random = new Random(1234);
        var wheel = new TimingWheel(Tick, 32, Start);
        var timers = new RecordingTimer[300];
        var cancelled = new bool[timers.Length];
        long now = Start;
        for (int i = 0; i < timers.Length; i++)
        {
            timers[i] = new RecordingTimer();
        }

        long lastStep = 0;
        for (int round = 0; round < 2_000; round++)
        {
            int i = random.Next(timers.Length);
            RecordingTimer t = timers[i];
            switch (random.Next(4))
            {
                case 0 when t.FiredCount == 0 && !cancelled[i]:
                    wheel.Schedule(t, now + random.NextInt64(-5 * Tick, 200 * Tick)); // includes past deadlines and revolutions
                    break;
                case 1 when t.IsScheduled:
                    Assert.True(wheel.Cancel(t));
                    cancelled[i] = true;
                    break;
                default:
                    lastStep = random.NextInt64(0, 3 * Tick);
                    now += lastStep;
                    wheel.Advance(now);
                    break;
            }
        }

        wheel.Advance(now + (300 * Tick));
        for (int i = 0; i < timers.Length; i++)
        {
            RecordingTimer t = timers[i];
            Assert.False(t.IsScheduled);
            Assert.True(t.FiredCount <= 1);
            if (t.FiredCount == 1)
            {
                Assert.True(t.NowAt(0) >= t.DeadlineAt(0), $"timer {i} fired early");
                Assert.False(cancelled[i]);
            }
        }

        Assert.Equal(0, wheel.Count);
    }
}
