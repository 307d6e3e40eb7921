using Microsoft.Extensions.Logging.Abstractions;
using TrdpSim.Events;
using TrdpSim.Reporting;
using TrdpSim.Telemetry;
using TrdpSim.Tests.Telemetry;

namespace TrdpSim.Tests.Reporting;

/// <summary>Forced full collections for soaks (<c>[engine] full-collection-every</c>): one per interval, counted from
/// the first check, never two in a row after a late check, and each one moves the heap-after-full-collection figures
/// the run store and <c>/metrics</c> report.</summary>
[Collection(ForcedCollections.Name)]
public sealed class ScheduledFullCollectionTests
{
    private const long Minute = 60_000_000_000;

    [Fact]
    public void CollectsOnceAnIntervalFromTheFirstCheck()
    {
        var collections = new ScheduledFullCollection(TimeSpan.FromMinutes(10), NullLogger.Instance);
        long start = 5 * Minute;

        Assert.False(collections.Check(start));
        Assert.False(collections.Check(start + 10 * Minute - 1));
        var gen2Before = GC.CollectionCount(2);
        var indexBefore = GcHeapFigures.Take().FullCollectionIndex;

        Assert.True(collections.Check(start + 10 * Minute));

        Assert.Equal(1, collections.Count);
        Assert.True(GC.CollectionCount(2) > gen2Before);
        var figures = GcHeapFigures.Take();
        Assert.True(figures.FullCollectionIndex > indexBefore);
        Assert.True(figures.FullHeapBytes > 0);
        Assert.False(collections.Check(start + 10 * Minute + 1));
        Assert.True(collections.Check(start + 20 * Minute));
        Assert.Equal(2, collections.Count);
    }

    [Fact]
    public void ALateCheckCollectsOnceAndTheNextIsAWholeIntervalLater()
    {
        var collections = new ScheduledFullCollection(TimeSpan.FromMinutes(1), NullLogger.Instance);
        Assert.False(collections.Check(Minute));

        Assert.True(collections.Check(10 * Minute)); // nine intervals late: one collection, not nine
        Assert.False(collections.Check(10 * Minute + 1));
        Assert.False(collections.Check(11 * Minute - 1));
        Assert.True(collections.Check(11 * Minute));
        Assert.Equal(2, collections.Count);
    }

    [Fact]
    public void ItRunsOnTheThreadItIsHandedToAndOnTheCheckingThreadWhenRefused()
    {
        Action? handed = null;
        var accept = true;
        var collections = new ScheduledFullCollection(TimeSpan.FromMinutes(1), NullLogger.Instance)
        {
            RunOn = collect =>
            {
                handed = collect;
                return accept;
            },
        };
        collections.Check(Minute);

        Assert.True(collections.Check(2 * Minute));
        Assert.Equal(0, collections.Count); // handed over, not run here
        Assert.NotNull(handed);
        handed();
        Assert.Equal(1, collections.Count);

        accept = false;
        Assert.True(collections.Check(3 * Minute));
        Assert.Equal(2, collections.Count); // refused: ran on the checking thread
    }

    [Fact]
    public void TheLiveSamplerRunsItWithTheSelfMonitor()
    {
        var telemetry = new RunTelemetry("full-collections");
        using var bus = new RunEventBus();
        var collections = new ScheduledFullCollection(TimeSpan.FromMinutes(1), NullLogger.Instance);
        using var live = new LiveTelemetry(telemetry, bus) { FullCollections = collections };

        live.Tick(Minute);
        live.Tick(2 * Minute);

        Assert.Equal(1, collections.Count);
    }
}
