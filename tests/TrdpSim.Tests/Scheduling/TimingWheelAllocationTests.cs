using TrdpSim.Tests.Infrastructure;

namespace TrdpSim.Tests.Scheduling;

public sealed class TimingWheelAllocationTests
{
    [Fact]
    public void SchedulingAdvancingFiringAndReArmingTenThousandPeriodicTimersAllocatesNothing()
    {
        const long tick = 100_000;       // 100 µs
        const long interval = 100_000_000; // 100 ms: 10,000 timers = 100k telegrams/s
        var wheel = new TimingWheel(tick, 1024, 0, maxPendingTimers: 20_000);
        var timers = new CyclicTimer[10_000];
        var spare = new CyclicTimer(0, interval);
        for (int i = 0; i < timers.Length; i++)
        {
            timers[i] = new CyclicTimer((i * 9_973L) % interval, interval);
            wheel.Schedule(timers[i], timers[i].FirstDeadline + interval);
        }

        long now = 0;
        void Run(int ticks)
        {
            for (int k = 0; k < ticks; k++)
            {
                now += tick;
                wheel.Advance(now);
                if ((k & 63) == 0)
                {
                    wheel.Schedule(spare, now + (5 * tick));   // schedule + cancel on the same path as commands
                    wheel.Cancel(spare);
                }
            }
        }

        Run(3_000); // warm-up: JIT tiers, three revolutions
        long firedBefore = timers.Sum(t => t.Fired);
        int rounds = 0;
        long allocated = SteadyAllocation.Fewest(() =>
        {
            Run(10_000); // 1 s of simulated time
            rounds++;
        });
        long fired = (timers.Sum(t => t.Fired) - firedBefore) / rounds;

        Assert.True(allocated == 0, $"allocated {allocated} bytes for {fired} firings");
        Assert.Equal(100_000, fired);
    }
}
