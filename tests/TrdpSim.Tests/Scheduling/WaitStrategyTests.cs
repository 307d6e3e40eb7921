using TrdpSim.Scheduling;

namespace TrdpSim.Tests.Scheduling;

public sealed class WaitStrategyTests
{
    public static TheoryData<string> Strategies => new() { "hybrid", "sleep", "spin" };

    [Theory]
    [MemberData(nameof(Strategies))]
    public void WaitUntilNeverReturnsBeforeTheDeadline(string name)
    {
        IWaitStrategy strategy = name switch
        {
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
    }

    [Fact]
    public void NegativeSpinMarginIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HybridWaitStrategy(-1));
}
