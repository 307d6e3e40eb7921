using TrdpSim.Scheduling.Internal;

namespace TrdpSim.Tests.Scheduling;

public sealed class MonotonicClockTests
{
    [Fact]
    public void NowIsMonotonicAndMatchesStopwatchScale()
    {
        long a = MonotonicClock.NowNanoseconds();
        long ticks0 = Stopwatch.GetTimestamp();
        Thread.SpinWait(1000);
        long b = MonotonicClock.NowNanoseconds();
        Assert.True(b >= a);
        Assert.Equal(MonotonicClock.TicksToNanoseconds(ticks0) / 1_000_000, MonotonicClock.NowNanoseconds() / 1_000_000, tolerance: 50);
    }

    [Fact]
    public void ConversionRoundTripsWithinOneTick()
    {
        long ns = 123_456_789_012_345;
        long ticks = MonotonicClock.NanosecondsToTicks(ns);
        long back = MonotonicClock.TicksToNanoseconds(ticks);
        Assert.InRange(ns - back, 0, (1_000_000_000 / Stopwatch.Frequency) + 1);
    }

    [Fact]
    public void StopwatchNanosecondsAreClockMonotonicOnLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the assumption (and the clock_nanosleep deadlines built on it) is Linux-only
        }

        Assert.True(MonotonicClock.IsIdentity, $"Stopwatch.Frequency = {Stopwatch.Frequency}");
        long best = long.MaxValue;
        for (int i = 0; i < 100; i++)
        {
            long before = MonotonicClock.NowNanoseconds();
            long mono = LinuxTime.MonotonicNow();
            long after = MonotonicClock.NowNanoseconds();
            if (after - before < 50_000)
            {
                best = Math.Min(best, Math.Abs(mono - ((before + after) / 2)));
            }
        }

        Assert.True(best < 50_000, $"CLOCK_MONOTONIC differs from Stopwatch by {best} ns");
    }

    [Fact]
    public void ManualTimeSourceOnlyMovesForward()
    {
        var time = new ManualTimeSource(1_000);
        Assert.Equal(1_000, time.NowNanoseconds());
        Assert.Equal(1_500, time.Advance(500));
        Assert.Equal(1_500, time.Advance(-10));
        Assert.False(time.SetNanoseconds(1_000));
        Assert.True(time.SetNanoseconds(9_000));
        Assert.Equal(9_000, time.NowNanoseconds());
        Assert.True(SystemTimeSource.Instance.NowNanoseconds() > 0);
    }
}
