namespace TrdpSim.Tests.Scheduling;

public sealed class TrafficShaperTests
{
    [Fact]
    public void SpreadsTelegramsEvenlyOverTheShortestCycleOnTickBoundaries()
    {
        const long cycle = 100_000_000; // 100 ms
        const long tick = 100_000;      // 100 µs
        var perTick = new Dictionary<long, int>();
        for (var i = 0; i < 10_000; i++)
        {
            var offset = TrafficShaper.Offset(i, 10_000, cycle, tick);
            Assert.InRange(offset, 0, cycle - 1);
            Assert.Equal(0, offset % tick);
            perTick[offset] = perTick.GetValueOrDefault(offset) + 1;
        }

        Assert.Equal(1000, perTick.Count);
        Assert.All(perTick.Values, count => Assert.Equal(10, count));
    }

    [Fact]
    public void SingleTelegramStartsAtOffsetZero() => Assert.Equal(0, TrafficShaper.Offset(0, 1, 100_000_000, 100_000));
}
