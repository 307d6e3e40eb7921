namespace TrdpSim.Tests.Scheduling;

public sealed class TimingWheelTests
{
    private const long Tick = 1_000;

    [Fact]
    public void WheelRoundsBucketCountUpToPowerOfTwo()
    {
        var wheel = new TimingWheel(Tick, 100, 0);
        Assert.Equal(128, wheel.BucketCount);
        Assert.Equal(Tick, wheel.NextTickNanoseconds);
    }

    [Fact]
    public void WheelFiresEntryInTickOfItsDeadlineAndNeverEarly()
    {
        var wheel = new TimingWheel(Tick, 64, 0);
        var random = new Random(42);
        var timers = new RecordingTimer[500];
        for (int i = 0; i < timers.Length; i++)
        {
            timers[i] = new RecordingTimer();
            Assert.True(wheel.Schedule(timers[i], random.NextInt64(1, 200_000)));
        }

        const long step = 137;
        for (long now = 0; now <= 201_000; now += step)
        {
            wheel.Advance(now);
        }

        foreach (RecordingTimer t in timers)
        {
            Assert.Equal(1, t.FiredCount);
            long tickEnd = (t.DeadlineAt(0) + Tick - 1) / Tick * Tick;
            Assert.True(t.NowAt(0) >= t.DeadlineAt(0), $"fired early: deadline {t.DeadlineAt(0)}, now {t.NowAt(0)}");
            Assert.True(t.NowAt(0) >= tickEnd && t.NowAt(0) < tickEnd + step, $"deadline {t.DeadlineAt(0)} fired at {t.NowAt(0)}, tick end {tickEnd}");
        }

        Assert.Equal(0, wheel.Count);
    }

    [Fact]
    public void WheelFiresManyTimersWithSameDeadlineInSchedulingOrder()
    {
        var wheel = new TimingWheel(Tick, 16, 0);
        var order = new List<int>();
        for (int i = 0; i < 1_000; i++)
        {
            var t = new RecordingTimer(id: i) { OnFire = (_, self) => order.Add(self.Id) };
            wheel.Schedule(t, 5_000);
        }

        Assert.Equal(0, wheel.Advance(4_999));
        Assert.Equal(1_000, wheel.Advance(5_000));
        Assert.Equal(Enumerable.Range(0, 1_000), order);
    }

    [Fact]
    public void WheelFiresBucketInDeadlineOrderWhenScheduledOutOfOrder()
    {
        var wheel = new TimingWheel(Tick, 16, 0);
        var fired = new List<long>();
        long[] deadlines = [1_900, 1_100, 1_500, 1_999, 1_001, 1_700];
        foreach (long d in deadlines)
        {
            wheel.Schedule(new RecordingTimer { OnFire = (_, self) => fired.Add(self.DeadlineAt(0)) }, d);
        }

        wheel.Advance(2_000);
        Assert.Equal(deadlines.Order(), fired);
    }

    [Fact]
    public void WheelHoldsDeadlinesManyRevolutionsAheadUntilTheirRound()
    {
        var wheel = new TimingWheel(Tick, 8, 0);
        var timers = new RecordingTimer[50];
        for (int r = 0; r < timers.Length; r++)
        {
            timers[r] = new RecordingTimer();
            wheel.Schedule(timers[r], (r * 8 * Tick) + 3_500); // same bucket every revolution
        }

        for (long now = 0; now <= 50 * 8 * Tick; now += Tick)
        {
            wheel.Advance(now);
            for (int r = 0; r < timers.Length; r++)
            {
                long due = (r * 8 * Tick) + 4_000;
                Assert.Equal(now >= due ? 1 : 0, timers[r].FiredCount);
            }
        }
    }

    [Fact]
    public void CancelBeforeExpiryPreventsFiring()
    {
        var wheel = new TimingWheel(Tick, 16, 0);
        var cancelled = new RecordingTimer();
        var kept = new RecordingTimer();
        wheel.Schedule(cancelled, 3_000);
        wheel.Schedule(kept, 3_000);
        Assert.True(cancelled.IsScheduled);

        Assert.True(wheel.Cancel(cancelled));
        Assert.False(cancelled.IsScheduled);
        Assert.False(wheel.Cancel(cancelled));
        Assert.Equal(1, wheel.Count);

        Assert.Equal(1, wheel.Advance(10_000));
        Assert.Equal(0, cancelled.FiredCount);
        Assert.Equal(1, kept.FiredCount);
        Assert.False(wheel.Cancel(kept));
    }

    [Fact]
    public void CallbackCancellingTheNextTimerInTheSameBucketIsHonoured()
    {
        var wheel = new TimingWheel(Tick, 16, 0);
        var second = new RecordingTimer();
        var third = new RecordingTimer();
        var first = new RecordingTimer { OnFire = (w, _) => w.Cancel(second) };
        wheel.Schedule(first, 1_100);
        wheel.Schedule(second, 1_200);
        wheel.Schedule(third, 1_300);

        Assert.Equal(2, wheel.Advance(2_000));
        Assert.Equal(0, second.FiredCount);
        Assert.Equal(1, third.FiredCount);
    }

    [Fact]
    public void ScheduleOfScheduledTimerMovesIt()
    {
        var wheel = new TimingWheel(Tick, 16, 0);
        var t = new RecordingTimer();
        wheel.Schedule(t, 2_000);
        wheel.Schedule(t, 9_000);
        Assert.Equal(1, wheel.Count);
        Assert.Equal(0, wheel.Advance(8_999));
        Assert.Equal(1, wheel.Advance(9_000));
        Assert.Equal(9_000, t.DeadlineAt(0));
    }

    [Fact]
    public void PastDeadlineFiresOnNextAdvanceEvenWithinTheSameTick()
    {
        var wheel = new TimingWheel(Tick, 16, 0);
        wheel.Advance(10_500);
        var t = new RecordingTimer();
        wheel.Schedule(t, 4_000);
        Assert.Equal(1, wheel.Advance(10_600));
        Assert.Equal(10_600, t.NowAt(0));
    }

    [Fact]
    public void ZeroIntervalReArmFiresOncePerAdvanceInsteadOfLooping()
    {
        var wheel = new TimingWheel(Tick, 16, 0);
        var t = new RecordingTimer { OnFire = (w, self) => w.Schedule(self, self.DeadlineNanoseconds) };
        wheel.Schedule(t, 1_000);
        Assert.Equal(1, wheel.Advance(1_000));
        Assert.Equal(1, wheel.Advance(1_000));
        Assert.Equal(1, wheel.Advance(5_000));
        Assert.Equal(3, t.FiredCount);
    }

    [Fact]
    public void BoundedWheelRejectsScheduleWhenFullButAllowsMoves()
    {
        var wheel = new TimingWheel(Tick, 16, 0, maxPendingTimers: 3);
        var timers = new RecordingTimer[4];
        for (int i = 0; i < 4; i++)
        {
            timers[i] = new RecordingTimer();
        }

        Assert.True(wheel.Schedule(timers[0], 1_000));
        Assert.True(wheel.Schedule(timers[1], 2_000));
        Assert.True(wheel.Schedule(timers[2], 3_000));
        Assert.False(wheel.Schedule(timers[3], 4_000));
        Assert.False(timers[3].IsScheduled);
        Assert.True(wheel.Schedule(timers[2], 5_000));
        Assert.Equal(3, wheel.Count);

        wheel.Advance(1_000);
        Assert.True(wheel.Schedule(timers[3], 4_000));
    }

    [Fact]
    public void ThrowingCallbackIsCountedAndTheRestOfTheBucketStillFires()
    {
        var wheel = new TimingWheel(Tick, 16, 0);
        var boom = new InvalidOperationException("boom");
        wheel.Schedule(new RecordingTimer { OnFire = (_, _) => throw boom }, 500);
        var after = new RecordingTimer();
        wheel.Schedule(after, 600);

        Assert.Equal(2, wheel.Advance(2_000));
        Assert.Equal(1, after.FiredCount);
        Assert.Equal(1, wheel.FaultCount);
        Assert.Same(boom, wheel.LastFault);
    }

    [Fact]
    public void TimerOnAnotherWheelCannotBeScheduledOrCancelledHere()
    {
        var a = new TimingWheel(Tick, 16, 0);
        var b = new TimingWheel(Tick, 16, 0);
        var t = new RecordingTimer();
        a.Schedule(t, 1_000);
        Assert.Throws<InvalidOperationException>(() => b.Schedule(t, 1_000));
        Assert.False(b.Cancel(t));
        Assert.True(a.Cancel(t));
    }

    [Fact]
    public void NextFireHintIsTheFirstOccupiedTickOrTheEndOfTheScanWindow()
    {
        var wheel = new TimingWheel(Tick, 256, 0);
        Assert.Equal(long.MaxValue, wheel.GetNextFireHintNanoseconds());

        wheel.Schedule(new RecordingTimer(), 9_500);
        Assert.Equal(10_000, wheel.GetNextFireHintNanoseconds(64));
        Assert.Equal(4_000, wheel.GetNextFireHintNanoseconds(3));

        wheel.Advance(20_000);
        wheel.Schedule(new RecordingTimer(), 1_000);
        Assert.Equal(wheel.NextTickNanoseconds, wheel.GetNextFireHintNanoseconds());
    }

    [Fact]
    public void IdleWheelFastForwardsOverALongStall()
    {
        var wheel = new TimingWheel(Tick, 16, 0);
        Assert.Equal(0, wheel.Advance(1_000_000_000_500));
        Assert.Equal(1_000_000_000, wheel.CurrentTick);
        Assert.Equal(1_000_000_001_000, wheel.NextTickNanoseconds);
    }
}
