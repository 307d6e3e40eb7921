namespace TrdpSim.Telemetry;

/// <summary>What the managed heap keeps after collections: tells memory a run holds on to from garbage that has
/// been promoted to generation 2 and waits there for the next full collection.</summary>
/// <param name="FullHeapBytes">Heap size after the last full (generation-2) collection, blocking or background: what
/// was alive then. 0 before the first one.</param>
/// <param name="FullFragmentedBytes">Free space inside the heap after that collection (fragmentation).</param>
/// <param name="FullCollectionIndex">The number of that collection (<see cref="GCMemoryInfo.Index"/>; 0 = none yet):
/// the figures above are only as new as it.</param>
/// <param name="Gen2Bytes">Size of generation 2 after the last collection of any kind: it grows with every object an
/// ephemeral collection promotes, alive or not, until a full collection sweeps it.</param>
/// <remarks>A run whose heap grows while <see cref="FullHeapBytes"/> stays level from one full collection to the
/// next is accumulating garbage, not retaining memory. Reading it allocates a few hundred bytes (the runtime's
/// <see cref="GCMemoryInfo"/> objects): once per interval or scrape, never on a hot path.</remarks>
internal readonly record struct GcHeapFigures(long FullHeapBytes, long FullFragmentedBytes, long FullCollectionIndex, long Gen2Bytes)
{
    /// <summary>Heap size after the last collection of any kind (what <c>GC.GetGCMemoryInfo()</c> says): read with
    /// the figures above so that a reader who wants it too does not ask the runtime again. 0 when not taken (figures
    /// read back from a store).</summary>
    public long LastHeapBytes { get; init; }

    /// <summary>The figures now.</summary>
    public static GcHeapFigures Take()
    {
        GCMemoryInfo blocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        GCMemoryInfo background = GC.GetGCMemoryInfo(GCKind.Background);
        GCMemoryInfo full = background.Index > blocking.Index ? background : blocking;
        GCMemoryInfo last = GC.GetGCMemoryInfo(GCKind.Any);
        ReadOnlySpan<GCGenerationInfo> generations = last.GenerationInfo;
        long gen2 = generations.Length > 2 ? generations[2].SizeAfterBytes : 0;
        GcHeapFigures figures = full.Index == 0
            ? new GcHeapFigures(0, 0, 0, gen2)
            : new GcHeapFigures(full.HeapSizeBytes, full.FragmentedBytes, full.Index, gen2);
        return figures with { LastHeapBytes = last.HeapSizeBytes };
    }
}
