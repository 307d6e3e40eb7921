using TrdpSim.Scheduling;

namespace TrdpSim.Tests.Scheduling;

/// <summary>The default wait on a manual clock: it sleeps on the absolute clock to a window before the deadline,
/// spins only that window, measures the window from how late the kernel's wake-ups were, and never spins more
/// than a spin budget allows.</summary>
public sealed class EfficientWaitStrategyTests
{
    private const long Microsecond = 1_000;

    [Fact]
    public void NeverReturnsBeforeTheDeadlineAndSpinsOnlyTheWindow()
    {
        var clock = new ManualWaitClock { DefaultOvershootNanoseconds = 30 * Microsecond };
        var wait = new EfficientWaitStrategy(new EfficientWaitOptions { FixedWindowNanoseconds = 50 * Microsecond }, clock);

        for (var i = 0; i < 100; i++)
        {
            var deadline = clock.Time + (1_000 * Microsecond);
            Assert.False(wait.WaitUntil(deadline, new WakeSignal()));
            Assert.True(clock.Time >= deadline, "returned early");
            Assert.True(clock.Time - deadline < 2 * Microsecond, $"{clock.Time - deadline} ns late although the window covered the overshoot");
        }

        // One sleep per deadline, and per deadline only the window minus the overshoot is spun (50 − 30 µs).
        Assert.Equal(100, clock.SleepCalls);
        Assert.InRange(clock.SpunNanoseconds, 100 * 19 * Microsecond, 100 * 21 * Microsecond);
    }

    [Fact]
    public void TheMeasuredWindowFollowsTheKernelsWakeUpLateness()
    {
        var clock = new ManualWaitClock { DefaultOvershootNanoseconds = 60 * Microsecond };
        var wait = new EfficientWaitStrategy(new EfficientWaitOptions(), clock);
        Assert.Equal(200 * Microsecond, wait.WindowNanoseconds); // starts at the cap until it has measured

        for (var i = 0; i < EfficientWaitStrategy.RecomputeEvery; i++)
        {
            wait.WaitUntil(clock.Time + (1_000 * Microsecond));
        }

        // 60 µs overshoot + the 5 µs margin: a deadline is now hit after ~5 µs of spinning instead of ~140.
        Assert.Equal(65 * Microsecond, wait.WindowNanoseconds);
        var spunBefore = clock.SpunNanoseconds;
        var deadline = clock.Time + (1_000 * Microsecond);
        wait.WaitUntil(deadline);
        Assert.True(clock.Time >= deadline);
        Assert.InRange(clock.SpunNanoseconds - spunBefore, 4 * Microsecond, 6 * Microsecond);
    }

    [Fact]
    public void TheWindowCoversTheChosenQuantileOfOvershoots()
    {
        var clock = new ManualWaitClock();
        var wait = new EfficientWaitStrategy(new EfficientWaitOptions { Quantile = 0.9, MarginNanoseconds = 0 }, clock);
        // 64 samples: 1..64 µs. The 90th percentile is 58 µs (ceil(0.9·64) = 58th of 64).
        for (var i = 1; i <= EfficientWaitStrategy.SampleCount; i++)
        {
            clock.Overshoots(i * Microsecond);
        }

        for (var i = 0; i < EfficientWaitStrategy.SampleCount; i++)
        {
            wait.WaitUntil(clock.Time + (1_000 * Microsecond));
        }

        Assert.Equal(58 * Microsecond, wait.WindowNanoseconds);
    }

    [Fact]
    public void AWindowOfZeroNeverSpins()
    {
        var clock = new ManualWaitClock { DefaultOvershootNanoseconds = 70 * Microsecond };
        var wait = new EfficientWaitStrategy(new EfficientWaitOptions { FixedWindowNanoseconds = 0 }, clock);
        for (var i = 0; i < 50; i++)
        {
            var deadline = clock.Time + (500 * Microsecond);
            wait.WaitUntil(deadline);
            Assert.Equal(deadline + (70 * Microsecond), clock.Time); // late by exactly the kernel's lateness
        }

        Assert.Equal(0, clock.SpunNanoseconds);
        Assert.Equal(0, wait.SpunNanoseconds);
    }

    [Fact]
    public void APendingWakeEndsTheWaitBeforeItSleeps()
    {
        var clock = new ManualWaitClock();
        var wait = new EfficientWaitStrategy(new EfficientWaitOptions(), clock);
        var wake = new WakeSignal();
        wake.Wake();

        Assert.True(wait.WaitUntil(clock.Time + (10_000 * Microsecond), wake));
        Assert.Equal(0, clock.SleepCalls);
        Assert.Equal(0, clock.SpunNanoseconds);
    }

    [Fact]
    public void AWakeDuringTheSleepEndsItAndIsNotTakenForKernelLateness()
    {
        var clock = new ManualWaitClock { DefaultOvershootNanoseconds = 40 * Microsecond };
        var wait = new EfficientWaitStrategy(new EfficientWaitOptions(), clock);
        var wake = new WakeSignal();
        var start = clock.Time;
        clock.ScriptedWake = (start + (3_000 * Microsecond), wake);

        Assert.True(wait.WaitUntil(start + (10_000 * Microsecond), wake));
        Assert.Equal(start + (3_000 * Microsecond), clock.Time);
        Assert.Equal(0, clock.SpunNanoseconds);

        // Woken sleeps are not overshoot samples: 16 more on-time waits measure 40 µs, not a 7 ms "overshoot".
        wake.Reset();
        for (var i = 0; i < EfficientWaitStrategy.RecomputeEvery; i++)
        {
            wait.WaitUntil(clock.Time + (1_000 * Microsecond), wake);
        }

        Assert.Equal(45 * Microsecond, wait.WindowNanoseconds);
    }

    [Fact]
    public void AWakeDuringTheSpinEndsIt()
    {
        var clock = new ManualWaitClock { DefaultOvershootNanoseconds = 10 * Microsecond };
        var wait = new EfficientWaitStrategy(new EfficientWaitOptions { FixedWindowNanoseconds = 100 * Microsecond }, clock);
        var wake = new WakeSignal();
        var deadline = clock.Time + (1_000 * Microsecond);
        clock.ScriptedWake = (deadline - (50 * Microsecond), wake);

        Assert.True(wait.WaitUntil(deadline, wake));
        Assert.True(clock.Time < deadline);
    }

    [Fact]
    public void ASpinBudgetBoundsTheShareOfTimeSpentSpinning()
    {
        // A deadline every 100 µs with a 90 µs window would spin ~90 % of the time; a 10 % budget holds it there.
        var clock = new ManualWaitClock { DefaultOvershootNanoseconds = 0 };
        var budget = new SpinBudget(0.10, 200 * Microsecond);
        var wait = new EfficientWaitStrategy(new EfficientWaitOptions { FixedWindowNanoseconds = 90 * Microsecond, Budget = budget }, clock);
        var start = clock.Time;
        for (var i = 0; i < 10_000; i++)
        {
            var deadline = clock.Time + (100 * Microsecond);
            wait.WaitUntil(deadline);
            Assert.True(clock.Time >= deadline, "returned early");
        }

        var elapsed = clock.Time - start;
        Assert.True(clock.SpunNanoseconds <= (0.10 * elapsed) + budget.BurstNanoseconds + (2 * Microsecond),
            $"spun {clock.SpunNanoseconds} ns of {elapsed} ns");
        Assert.True(budget.DeniedNanoseconds > 0, "the budget never held");
    }

    [Fact]
    public void ARealTimeWheelAlwaysGetsABoundedSpin()
    {
        var plan = new TrdpSim.Plan.EnginePlan { Realtime = TrdpSim.Plan.RealtimePolicy.Fifo };
        var wait = TrdpSim.Composition.EngineSetup.WaitStrategy(TrdpSim.Plan.WaitMode.Efficient, plan, realtime: true);
        Assert.NotNull(Assert.IsType<EfficientWaitStrategy>(wait).Budget);

        // The precision, hybrid and spin waits spin without bound: under real-time scheduling they become efficient.
        foreach (var mode in new[] { TrdpSim.Plan.WaitMode.Precision, TrdpSim.Plan.WaitMode.Hybrid, TrdpSim.Plan.WaitMode.Spin })
        {
            Assert.Equal(TrdpSim.Plan.WaitMode.Efficient, TrdpSim.Composition.EngineSetup.EffectiveWait(mode, realtime: true));
            Assert.Equal(mode, TrdpSim.Composition.EngineSetup.EffectiveWait(mode, realtime: false));
        }
    }

    [Fact]
    public void NegativeOrOutOfRangeSettingsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EfficientWaitStrategy(new EfficientWaitOptions { FixedWindowNanoseconds = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EfficientWaitStrategy(new EfficientWaitOptions { Quantile = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpinBudget(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpinBudget(0.5, 0));
    }
}
