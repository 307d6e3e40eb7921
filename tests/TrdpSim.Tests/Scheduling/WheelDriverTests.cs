namespace TrdpSim.Tests.Scheduling;

public sealed class WheelDriverTests
{
    private const long Millisecond = 1_000_000;

    private static (TimingWheel Wheel, WheelDriver Driver) Create(IWaitStrategy wait, IWheelTickListener? listener = null, WheelDriverOptions? options = null)
    {
        var wheel = new TimingWheel(Millisecond, 64, MonotonicClock.NowNanoseconds());
        return (wheel, new WheelDriver(wheel, wait, listener, options));
    }

    [Fact]
    public async Task PostFromAnotherThreadSchedulesTimerOnTheWheelThread()
    {
        (_, WheelDriver driver) = Create(new SleepWaitStrategy());
        using (driver)
        {
            using var fired = new ManualResetEventSlim();
            string? firedOn = null;
            var timer = new RecordingTimer
            {
                OnFire = (_, _) =>
                {
                    firedOn = Thread.CurrentThread.Name;
                    fired.Set();
                },
            };
            driver.Start();

            var command = new ScheduleCommand(timer);
            bool posted = await Task.Run(() =>
            {
                command.Deadline = MonotonicClock.NowNanoseconds() + (5 * Millisecond);
                return driver.Post(command);
            });

            Assert.True(posted);
            Assert.True(fired.Wait(TimeSpan.FromSeconds(10)), "timer did not fire");
            Assert.Equal("trdpsim-wheel", firedOn);
            Assert.True(timer.NowAt(0) >= timer.DeadlineAt(0));
            Assert.Equal(1, driver.Stats.CommandsExecuted);
            Assert.True(driver.Stop());
            Assert.False(driver.IsRunning);
        }
    }

    [Fact]
    public void AfterTickIsCalledOnEveryWakeWithTheFiredCount()
    {
        var listener = new CountingListener();
        (TimingWheel wheel, WheelDriver driver) = Create(new SleepWaitStrategy(), listener);
        using (driver)
        {
            var timer = new CyclicTimer(wheel.StartNanoseconds + Millisecond, Millisecond);
            wheel.Schedule(timer, timer.FirstDeadline); // before Start the creating thread owns the wheel
            driver.Start();
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref listener.Calls) >= 20, TimeSpan.FromSeconds(10)));
            Assert.True(driver.Stop());

            Assert.Equal(driver.Stats.Ticks, listener.Calls);
            Assert.Equal(timer.Fired, listener.Fired);
            Assert.Equal(driver.Stats.Fired, listener.Fired);
            Assert.Equal(0, timer.GridErrors);
            Assert.Equal(0, timer.EarlyFires);
            Assert.True(driver.Stats.LatenessCount > 0);
        }
    }

    [Fact]
    public void FaultsInCallbacksListenerAndCommandsAreCountedAndTheThreadKeepsTicking()
    {
        var listener = new CountingListener { ThrowOnCall = 3 };
        (TimingWheel wheel, WheelDriver driver) = Create(new SleepWaitStrategy(), listener);
        using (driver)
        {
            wheel.Schedule(new RecordingTimer { OnFire = (_, _) => throw new InvalidOperationException("timer") }, wheel.StartNanoseconds + Millisecond);
            driver.Post(new ThrowingCommand());
            driver.Start();
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref listener.Calls) >= 10, TimeSpan.FromSeconds(10)));
            Assert.True(driver.Stop());

            Assert.Equal(3, driver.Stats.Errors);
            Assert.NotNull(driver.LastError);
        }
    }

    [Fact]
    public void PostIsRefusedWhenTheQueueIsFullOrTheDriverIsDisposed()
    {
        (_, WheelDriver driver) = Create(new SleepWaitStrategy(), options: new WheelDriverOptions { CommandQueueCapacity = 2 });
        var command = new ThrowingCommand();
        Assert.True(driver.Post(command));
        Assert.True(driver.Post(command));
        Assert.False(driver.Post(command));
        driver.Dispose();
        Assert.False(driver.Post(command));
        Assert.Equal(2, driver.Stats.CommandsRejected);
        Assert.Throws<InvalidOperationException>(driver.Start);
    }

    [Fact]
    public void IdleDriverSleepsThroughEmptyTicksWhenAllowed()
    {
        (TimingWheel wheel, WheelDriver driver) = Create(new SleepWaitStrategy(), options: new WheelDriverOptions { MaxIdleTicks = 50 });
        using (driver)
        {
            var timer = new RecordingTimer();
            wheel.Schedule(timer, wheel.StartNanoseconds + (100 * Millisecond));
            driver.Start();
            Assert.True(SpinWait.SpinUntil(() => timer.FiredCount == 1, TimeSpan.FromSeconds(10)));
            Assert.True(driver.Stop());
            Assert.InRange(driver.Stats.Ticks, 1, 20); // ~100 ticks elapsed, about 2–4 wake-ups needed
        }
    }

    private sealed class ScheduleCommand(WheelTimer timer) : IWheelCommand
    {
        public long Deadline { get; set; }

        public void Execute(TimingWheel wheel) => wheel.Schedule(timer, Deadline);
    }

    private sealed class ThrowingCommand : IWheelCommand
    {
        public void Execute(TimingWheel wheel) => throw new InvalidOperationException("command");
    }

    private sealed class CountingListener : IWheelTickListener
    {
        public long Calls;
        public long Fired;

        public int ThrowOnCall { get; init; } = -1;

        public void AfterTick(long nowNanoseconds, int fired)
        {
            Fired += fired;
            if (Interlocked.Increment(ref Calls) == ThrowOnCall)
            {
                throw new InvalidOperationException("listener");
            }
        }
    }
}
