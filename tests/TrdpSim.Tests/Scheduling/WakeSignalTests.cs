namespace TrdpSim.Tests.Scheduling;

/// <summary>The wheel's wake: a sleep on an absolute deadline that another thread can end at once.</summary>
public sealed class WakeSignalTests
{
    private const long Millisecond = 1_000_000;

    [Fact]
    public void ASleepWithoutAWakeLastsUntilTheDeadline()
    {
        var signal = new WakeSignal();
        var deadline = MonotonicClock.NowNanoseconds() + (20 * Millisecond);
        Assert.False(signal.SleepUntil(deadline));
        Assert.True(MonotonicClock.NowNanoseconds() >= deadline, "returned before the deadline without a wake");
    }

    [Fact]
    public void AWakeBeforeTheSleepMakesItReturnAtOnce()
    {
        var signal = new WakeSignal();
        Assert.False(signal.Wake()); // nobody sleeps: no system call, only the pending flag
        Assert.True(signal.IsPending);
        var clock = Stopwatch.StartNew();
        Assert.True(signal.SleepUntil(MonotonicClock.NowNanoseconds() + (10_000 * Millisecond)));
        Assert.True(clock.ElapsedMilliseconds < 1_000);

        signal.Reset();
        Assert.False(signal.IsPending);
    }

    [Fact]
    public void AWakeOfAnAwakeOwnerLeavesNoStampAndAPendingWakeIsNoInterruption()
    {
        var signal = new WakeSignal();
        Assert.False(signal.Wake());
        Assert.Equal(0, signal.TakeInterruptedAt());
        Assert.True(signal.SleepUntil(MonotonicClock.NowNanoseconds() + (10_000 * Millisecond))); // returns at once
        Assert.Equal(0, signal.TakeInterruptedAt());
    }

    [Fact]
    public void AWakeThatEndsASleepIsStampedWithItsTimeAndTakenOnce()
    {
        var signal = new WakeSignal();
        long start = MonotonicClock.NowNanoseconds();
        var sleeper = new Thread(() => signal.SleepUntil(MonotonicClock.NowNanoseconds() + (30_000 * Millisecond)));
        sleeper.Start();
        long wokeBefore = 0;
        while (sleeper.IsAlive && MonotonicClock.NowNanoseconds() - start < 20_000 * Millisecond)
        {
            wokeBefore = MonotonicClock.NowNanoseconds();
            if (signal.Wake())
            {
                break; // this call ended the sleep
            }

            signal.Reset(); // the sleeper was not asleep yet: try again once it is
            Thread.Sleep(5);
        }

        Assert.True(sleeper.Join(TimeSpan.FromSeconds(20)), "the sleep was not ended");
        long stamp = signal.TakeInterruptedAt();
        Assert.InRange(stamp, wokeBefore, MonotonicClock.NowNanoseconds());
        Assert.Equal(0, signal.TakeInterruptedAt());
    }

    [Fact]
    public async Task AWakeFromAnotherThreadEndsALongSleep()
    {
        var signal = new WakeSignal();
        var sleeper = Task.Run(() =>
        {
            var start = Stopwatch.StartNew();
            var woken = signal.SleepUntil(MonotonicClock.NowNanoseconds() + (30_000 * Millisecond));
            return (woken, start.Elapsed);
        });

        // Wake until it says it woke a sleeper (the sleeper may not have gone to sleep yet on a loaded machine).
        var waker = Stopwatch.StartNew();
        while (!sleeper.IsCompleted && waker.Elapsed < TimeSpan.FromSeconds(20))
        {
            signal.Wake();
            await Task.Delay(5);
            if (!sleeper.IsCompleted)
            {
                signal.Reset(); // let a second wake take the system-call path once the sleeper sleeps
            }
        }

        var (woken, elapsed) = await sleeper;
        Assert.True(woken);
        Assert.True(elapsed < TimeSpan.FromSeconds(20), $"slept {elapsed}");
    }

    [Fact]
    public async Task WakeReportsWhetherItWokeASleeper()
    {
        var signal = new WakeSignal();
        var sleeper = Task.Run(() => signal.SleepUntil(MonotonicClock.NowNanoseconds() + (30_000 * Millisecond)));
        var woke = false;
        var clock = Stopwatch.StartNew();
        while (!woke && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(2);
            woke = signal.Wake();
            if (!woke)
            {
                signal.Reset(); // the sleeper had not begun to sleep: try again
            }
        }

        Assert.True(woke, "no wake ever found the owner asleep");
        Assert.True(await sleeper);
    }
}
