using TrdpSim.Scheduling;

namespace TrdpSim.Tests.Scheduling;

public sealed class WaitStrategyTests
{
    public static TheoryData<string> Strategies => new() { "efficient", "hybrid", "sleep", "spin" };

    [Theory]
    [MemberData(nameof(Strategies))]
    public void WaitUntilNeverReturnsBeforeTheDeadline(string name)
    {
        IWaitStrategy strategy = name switch
        {
            "efficient" => new EfficientWaitStrategy(),
            "hybrid" => new HybridWaitStrategy(spinMarginNanoseconds: 100_000),
            "sleep" => new SleepWaitStrategy(),
            _ => SpinWaitStrategy.Instance,
        };

        for (int i = 0; i < 20; i++)
        {
            long deadline = MonotonicClock.NowNanoseconds() + 300_000;
            strategy.WaitUntil(deadline);
            long now = MonotonicClock.NowNanoseconds();
            Assert.True(now >= deadline, $"{name} returned {deadline - now} ns early");
        }

        long past = MonotonicClock.NowNanoseconds() - 1_000_000;
        strategy.WaitUntil(past); // returns at once

        // With a wake signal: the same, and a pending wake ends the wait at once.
        var wake = new WakeSignal();
        long next = MonotonicClock.NowNanoseconds() + 300_000;
        Assert.False(strategy.WaitUntil(next, wake));
        Assert.True(MonotonicClock.NowNanoseconds() >= next, $"{name} returned early with a wake signal");
        wake.Wake();
        Assert.True(strategy.WaitUntil(MonotonicClock.NowNanoseconds() + 10_000_000_000, wake));
    }

    [Fact]
    public void NegativeSpinMarginIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HybridWaitStrategy(-1));
}
