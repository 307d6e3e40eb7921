using Xunit;

namespace TrdpSim.Tests.Telemetry;

/// <summary>The heap after the last full collection is what was alive then: objects kept across a full collection
/// count in it, the same objects let go are gone from it after the next one, and generation 2 holds them meanwhile.</summary>
[Collection(ForcedCollections.Name)]
public sealed class GcHeapFiguresTests
{
    private const int Objects = 400_000; // ~35 MiB of small arrays: well above what parallel tests retain

    [Fact]
    public void TheHeapAfterAFullCollectionCountsWhatIsKeptAndNotWhatWasLetGo()
    {
        var kept = new List<byte[]>(Objects);
        for (int i = 0; i < Objects; i++)
        {
            kept.Add(new byte[64]);
        }

        // Two full collections: the first promotes the new objects to generation 1 only (survivors move up one
        // generation per collection), the second to generation 2 — whatever gen0 collections the loop happened to run.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GcHeapFigures holding = GcHeapFigures.Take();
        GC.KeepAlive(kept);
        kept = null;

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GcHeapFigures released = GcHeapFigures.Take();

        long size = Objects * 64L;
        Assert.True(holding.FullCollectionIndex > 0, "no full collection seen");
        Assert.True(released.FullCollectionIndex > holding.FullCollectionIndex, "the second full collection is not the newest");
        Assert.True(holding.FullHeapBytes >= size, $"heap after the full collection {holding.FullHeapBytes} B while {size} B were alive");
        Assert.True(holding.Gen2Bytes >= size, $"generation 2 {holding.Gen2Bytes} B while {size} B survived a full collection");
        Assert.True(holding.FullHeapBytes - released.FullHeapBytes >= size / 2,
            $"heap after full collections {holding.FullHeapBytes} B with the objects, {released.FullHeapBytes} B after letting them go");
        Assert.True(released.FullFragmentedBytes >= 0);
    }

    [Fact]
    public void TheLastCollectionsHeapSizeComesWithTheFigures()
    {
        // Retried: a collection another test forces between the two reads makes them differ honestly.
        for (int attempt = 0; attempt < 10; attempt++)
        {
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            GCMemoryInfo before = GC.GetGCMemoryInfo();
            GcHeapFigures figures = GcHeapFigures.Take();
            GCMemoryInfo after = GC.GetGCMemoryInfo();
            if (before.Index == after.Index)
            {
                Assert.True(figures.LastHeapBytes > 0, "no heap size after a collection");
                Assert.Equal(after.HeapSizeBytes, figures.LastHeapBytes);
                return;
            }
        }

        Assert.Fail("a collection fell between the reads every time");
    }
}
